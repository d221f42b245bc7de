package rxpush.systemtests.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the build says about the project, read from its files: version, Kafka version, modules, each
 * module's default ports (its properties file) and the image Jib builds for it.
 */
final class ProjectFacts {

    private final Path root;
    private final Document rootPom;
    private final Map<String, Path> modules = new LinkedHashMap<>();

    ProjectFacts(Path root) throws Exception {
        this.root = root;
        this.rootPom = parse(root.resolve("pom.xml"));
        NodeList names = rootPom.getElementsByTagName("module");
        for (int i = 0; i < names.getLength(); i++) {
            Path dir = root.resolve(names.item(i).getTextContent().trim());
            modules.put(childText(parse(dir.resolve("pom.xml")).getDocumentElement(), "artifactId"), dir);
        }
    }

    /** The repository root of this build: the build's property, else the module's parent directory. */
    static Path projectRoot() {
        String configured = System.getProperty("rxpush.project.root");
        return (configured != null ? Path.of(configured) : Path.of(System.getProperty("user.dir")).getParent())
                .toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    String version() {
        return childText(rootPom.getDocumentElement(), "version");
    }

    String kafkaVersion() {
        return rootPom.getElementsByTagName("kafka.version").item(0).getTextContent().trim();
    }

    Optional<Path> module(String artifactId) {
        return Optional.ofNullable(modules.get(artifactId));
    }

    /** Whether the module has a main class (something an image can run: a service, a simulator or the CLI). */
    boolean isApplication(Path module) throws IOException {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).anyMatch(file -> {
                try {
                    String source = Files.readString(file);
                    return source.contains("static void main(");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** The module's default settings: every properties file under src/main/resources, merged. */
    Properties defaults(Path module) throws IOException {
        Properties merged = new Properties();
        Path resources = module.resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            try (Stream<Path> files = Files.list(resources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                    try (Reader in = Files.newBufferedReader(file)) {
                        merged.load(in);
                    }
                }
            }
        }
        return merged;
    }

    /**
     * The image Jib builds for the module ({@code jib-maven-plugin}'s {@code to/image}, in the module's
     * pom or inherited from the root pom), with the project's placeholders resolved; empty when the
     * module builds none (no plugin, or {@code jib.skip} true for it).
     */
    Optional<String> jibImage(String artifactId) throws Exception {
        Document modulePom = parse(modules.get(artifactId).resolve("pom.xml"));
        String skip = property(modulePom, "jib.skip").or(() -> property(rootPom, "jib.skip")).orElse("false");
        if (Boolean.parseBoolean(skip)) {
            return Optional.empty();
        }
        for (Document pom : new Document[] {modulePom, rootPom}) {
            NodeList plugins = pom.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if ("jib-maven-plugin".equals(childText(plugin, "artifactId"))) {
                    NodeList images = plugin.getElementsByTagName("image");
                    for (int j = 0; j < images.getLength(); j++) {
                        if ("to".equals(images.item(j).getParentNode().getNodeName())) {
                            return Optional.of(images.item(j).getTextContent().trim()
                                    .replace("${project.artifactId}", artifactId)
                                    .replace("${project.version}", version()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> property(Document pom, String name) {
        NodeList found = pom.getElementsByTagName(name);
        for (int i = 0; i < found.getLength(); i++) {
            if ("properties".equals(found.item(i).getParentNode().getNodeName())) {
                return Optional.of(found.item(i).getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no <" + name + "> in " + parent.getTagName());
    }
}
