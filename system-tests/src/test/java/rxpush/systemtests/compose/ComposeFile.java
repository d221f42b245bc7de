package rxpush.systemtests.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A parsed docker-compose.yml (YAML anchors and merge keys resolved, variables at their defaults),
 * reduced to what the checks look at.
 */
record ComposeFile(Map<String, Service> services) {

    /**
     * One service.
     *
     * @param environment variable name to value, defaults interpolated
     * @param ports       the {@code ports} entries as written ({@code "127.0.0.1:9080:9080"})
     * @param replicas    {@code scale} or {@code deploy.replicas}, null when neither is set
     */
    record Service(String name, String image, Map<String, String> environment, List<String> ports,
            List<String> profiles, List<String> volumes, List<String> dependsOn, boolean hasContainerName,
            Integer replicas) {

        boolean isRxpush() {
            return image.startsWith("rxpush/");
        }

        /** The image's repository name after {@code rxpush/}: the module's artifactId. */
        String module() {
            return image.substring("rxpush/".length(), image.contains(":") ? image.indexOf(':') : image.length());
        }

        String tag() {
            return image.contains(":") ? image.substring(image.indexOf(':') + 1) : "latest";
        }
    }

    @SuppressWarnings("unchecked")
    static ComposeFile parse(String yaml) {
        Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<String, Object>) root.get("services")).forEach((name, value) -> {
            Map<String, Object> body = (Map<String, Object>) value;
            Map<String, Object> deploy = (Map<String, Object>) body.getOrDefault("deploy", Map.of());
            Object dependsOn = body.getOrDefault("depends_on", List.of());
            services.put(name, new Service(name, Interpolation.defaults(String.valueOf(body.getOrDefault("image", ""))),
                    environment(body.get("environment")), strings(body.get("ports")), strings(body.get("profiles")),
                    strings(body.get("volumes")),
                    dependsOn instanceof Map<?, ?> map ? new ArrayList<>((Set<String>) map.keySet())
                            : strings(dependsOn),
                    body.containsKey("container_name"),
                    (Integer) deploy.getOrDefault("replicas", body.get("scale"))));
        });
        return new ComposeFile(services);
    }

    /** Compose allows a map or a list of {@code NAME=value}; both become a map. */
    private static Map<String, String> environment(Object raw) {
        Map<String, String> env = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> env.put(String.valueOf(key),
                    value == null ? "" : Interpolation.defaults(String.valueOf(value))));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                env.put(pair[0], pair.length > 1 ? Interpolation.defaults(pair[1]) : "");
            }
        }
        return env;
    }

    private static List<String> strings(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }
}
