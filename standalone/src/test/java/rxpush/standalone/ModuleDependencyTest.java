package rxpush.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Guards the one-way module dependencies: services depend on {@code common} only, never on each
 * other; {@code common} depends on no service; simulators are stand-ins that no service links
 * against. Checked twice: on the compiled classes (catches a fully qualified reference too) and on
 * the poms (catches a dependency that is declared but not yet used).
 */
class ModuleDependencyTest {

    /** Module directory -> its base package. */
    static final Map<String, String> SERVICES = Map.of(
            "ingress-service", "rxpush.ingress",
            "subscription-service", "rxpush.subscription",
            "forwarder-service", "rxpush.forwarder");

    static final List<String> SIMULATOR_PACKAGES = List.of("rxpush.simulators..");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("rxpush");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress-service", "subscription-service", "forwarder-service"})
    void aServiceUsesNoOtherServiceAndNoSimulator(String module) {
        String own = SERVICES.get(module);
        List<String> forbidden = new ArrayList<>(SIMULATOR_PACKAGES);
        SERVICES.values().stream().filter(p -> !p.equals(own)).map(p -> p + "..").forEach(forbidden::add);
        noClasses().that().resideInAPackage(own + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("services depend on common only (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void commonUsesNoServiceNoSimulatorAndNoLauncher() {
        noClasses().that().resideInAPackage("rxpush.common..")
                .should().dependOnClassesThat().resideInAnyPackage("rxpush.ingress..", "rxpush.subscription..",
                        "rxpush.forwarder..", "rxpush.simulators..", "rxpush.standalone..")
                .check(classes);
    }

    @Test
    void simulatorsDoNotUseTheServicesTheyStandInFor() {
        noClasses().that().resideInAPackage("rxpush.simulators..")
                .should().dependOnClassesThat().resideInAnyPackage("rxpush.ingress..", "rxpush.subscription..",
                        "rxpush.forwarder..", "rxpush.standalone..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress-service", "subscription-service", "forwarder-service"})
    void aServicePomDeclaresNoProjectModuleButCommonAtCompileScope(String module) throws Exception {
        assertThat(compileScopeProjectDependencies(module)).containsOnly("common");
    }

    @Test
    void commonDeclaresNoProjectModuleAtCompileScope() throws Exception {
        assertThat(compileScopeProjectDependencies("common")).isEmpty();
    }

    /** The rxpush-group artifacts a module's pom declares outside test scope. */
    static List<String> compileScopeProjectDependencies(String module) throws Exception {
        Path pom = projectRoot().resolve(module).resolve("pom.xml");
        Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList dependencies = ((Element) doc.getDocumentElement().getElementsByTagName("dependencies").item(0))
                .getElementsByTagName("dependency");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = text(dependency, "scope");
            if ("rxpush".equals(text(dependency, "groupId")) && !"test".equals(scope)) {
                found.add(text(dependency, "artifactId"));
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root (the folder with mvnw)").isNotNull();
        return dir;
    }
}
