package rxpush.systemtests.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files of a local stack under its run directory: {@code conf/} (broker properties, log
 * config), {@code data/<instance>/} (broker logs, simulator state), {@code logs/<instance>.log}
 * (stdout and stderr) and {@code pids/<instance>.pid}.
 */
public record RunDirectory(Path root) {

    public Path log(String instance) {
        return root.resolve("logs").resolve(instance + ".log");
    }

    Path pidFile(String instance) {
        return root.resolve("pids").resolve(instance + ".pid");
    }

    public Path data(String instance) {
        return root.resolve("data").resolve(instance);
    }

    Path brokerConfig(Instance broker) {
        return root.resolve("conf").resolve(broker.name() + ".properties");
    }

    Path brokerLogConfig() {
        return root.resolve("conf").resolve("logback-broker.xml");
    }

    /** Deletes everything of a previous stack in this directory and creates the layout. */
    void recreate() throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (String sub : new String[] {"conf", "data", "logs", "pids"}) {
            Files.createDirectories(root.resolve(sub));
        }
    }
}
