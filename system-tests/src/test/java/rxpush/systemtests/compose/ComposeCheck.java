package rxpush.systemtests.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks docker-compose.yml against the project: the rx-push images are ones the build produces,
 * every environment variable is a documented property, and ports and URLs match the services'
 * defaults. {@link ComposeLayoutCheck} checks profiles, scaling, Kafka and the files it mounts.
 * Each problem is one line naming the service; an empty list means the file is consistent.
 */
final class ComposeCheck {

    /** Environment variables the JVM itself reads, not Spring properties. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

    private final ProjectFacts facts;

    ComposeCheck(ProjectFacts facts) {
        this.facts = facts;
    }

    List<String> check(ComposeFile compose, String prometheusYaml) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ComposeFile.Service service : compose.services().values()) {
            if (service.isRxpush()) {
                checkImage(service, problems);
                checkEnvironment(service, problems);
                checkPorts(service, problems);
            }
            checkUrls(compose, service, problems);
        }
        checkScrapeTargets(compose, prometheusYaml, problems);
        return problems;
    }

    private void checkImage(ComposeFile.Service service, List<String> problems) throws Exception {
        String module = service.module();
        Optional<Path> dir = facts.module(module);
        if (dir.isEmpty()) {
            problems.add(service.name() + ": image " + service.image() + " names no module of the build");
            return;
        }
        if (!facts.isApplication(dir.get())) {
            problems.add(service.name() + ": module " + module + " has no main class to run");
        }
        String expected = "rxpush/" + module + ":" + facts.version();
        if (!service.tag().equals(facts.version())) {
            problems.add(service.name() + ": image tag " + service.tag() + " is not the project version "
                    + facts.version());
        }
        Optional<String> built = facts.jibImage(module);
        if (built.isEmpty()) {
            problems.add(service.name() + ": module " + module + " builds no image (no jib-maven-plugin to/image, or jib.skip)");
        } else if (!built.get().equals(expected)) {
            problems.add(service.name() + ": Jib builds " + built.get() + ", compose runs " + service.image());
        }
    }

    private void checkEnvironment(ComposeFile.Service service, List<String> problems) throws Exception {
        Path docs = facts.root().resolve("docs");
        DocumentedProperties own = DocumentedProperties.read(docs.resolve("configuration.md"),
                docs.resolve(service.module() + ".md"));
        // Spring Boot's own keys a deployment sets (server.address, ...) may be documented there;
        // rx-push's own keys must be in configuration.md or the module's guide.
        DocumentedProperties spring = DocumentedProperties.read(docs.resolve("deployment.md"));
        for (String name : service.environment().keySet()) {
            boolean documented = JVM_VARIABLES.contains(name) || own.documents(name)
                    || (!name.startsWith("RXPUSH_") && spring.documents(name));
            if (!documented) {
                problems.add(service.name() + ": " + name + " is not a documented property");
            }
        }
    }

    private void checkPorts(ComposeFile.Service service, List<String> problems) throws Exception {
        int http = httpPort(service);
        for (String mapping : service.ports()) {
            String container = mapping.contains(":") ? mapping.substring(mapping.lastIndexOf(':') + 1) : mapping;
            container = container.replaceAll("/.*", "");
            if (!container.equals(Integer.toString(http))) {
                problems.add(service.name() + ": publishes container port " + container + " but serves HTTP on " + http);
            }
        }
    }

    /** http://service:port in any value must use that service's HTTP port. */
    private void checkUrls(ComposeFile compose, ComposeFile.Service service, List<String> problems) throws Exception {
        for (var entry : service.environment().entrySet()) {
            Matcher url = URL.matcher(entry.getValue());
            while (url.find()) {
                ComposeFile.Service target = compose.services().get(url.group(1));
                if (target != null && target.isRxpush() && httpPort(target) != Integer.parseInt(url.group(2))) {
                    problems.add(service.name() + ": " + entry.getKey() + " calls " + target.name() + " on port "
                            + url.group(2) + " but it serves HTTP on " + httpPort(target));
                }
            }
        }
    }

    private void checkScrapeTargets(ComposeFile compose, String prometheusYaml, List<String> problems)
            throws Exception {
        Matcher job = Pattern.compile("names: \\[([a-z0-9-]+)]\\s+type: A\\s+port: (\\d+)").matcher(prometheusYaml);
        while (job.find()) {
            ComposeFile.Service target = compose.services().get(job.group(1));
            if (target == null) {
                problems.add("prometheus: scrapes " + job.group(1) + ", which is no compose service");
            } else if (actuatorPort(target) != Integer.parseInt(job.group(2))) {
                problems.add("prometheus: scrapes " + target.name() + " on port " + job.group(2)
                        + " but its actuator listens on " + actuatorPort(target));
            }
        }
    }

    int httpPort(ComposeFile.Service service) throws Exception {
        return port(service, "server.port", null);
    }

    int actuatorPort(ComposeFile.Service service) throws Exception {
        return port(service, "management.server.port", httpPort(service));
    }

    private int port(ComposeFile.Service service, String key, Integer fallback) throws Exception {
        String env = DocumentedProperties.envForm(key);
        if (service.environment().containsKey(env)) {
            return Integer.parseInt(service.environment().get(env));
        }
        Optional<Path> module = facts.module(service.module());
        Properties defaults = module.isPresent() && Files.isDirectory(module.get()) ? facts.defaults(module.get())
                : new Properties();
        String value = defaults.getProperty(key);
        if (value != null) {
            return Integer.parseInt(value.trim().toLowerCase(Locale.ROOT));
        }
        return fallback != null ? fallback : 8080;
    }
}
