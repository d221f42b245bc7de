package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class path the stack's JVMs run with: the system-tests module's classes plus its runtime
 * dependencies (every service, both simulators, Kafka's broker), as the build wrote them to
 * {@code target/rig/runtime.classpath}. The script reads the same file.
 */
public final class RigClasspath {

    private RigClasspath() {
    }

    /** The class path of the system-tests module in {@code moduleDir} (after {@code package}). */
    public static String of(Path moduleDir) {
        Path file = moduleDir.resolve("target/rig/runtime.classpath");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build system-tests first (./mvnw -pl system-tests "
                    + "-am package -DskipTests)");
        }
        try {
            return moduleDir.resolve("target/classes").toAbsolutePath() + java.io.File.pathSeparator
                    + Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system-tests module directory of a test run: set by the build, else the working directory. */
    public static Path moduleDir() {
        return Path.of(System.getProperty("rxpush.rig.module-dir", System.getProperty("user.dir")));
    }
}
