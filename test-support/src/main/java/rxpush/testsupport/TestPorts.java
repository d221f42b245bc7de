package rxpush.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local ports for settings that must name a port before its server binds it (a Kafka broker's
 * listeners, a Spring Boot server started in a child process).
 *
 * <p>Why not {@code new ServerSocket(0)}: that hands out a port from the kernel's ephemeral range,
 * the range every outgoing connection's local end comes from too. Between the check and the bind
 * (a broker process starting takes seconds) a Kafka client's connection can take the port; the
 * multi-process rig lost a port that way in CI. Ports here come from below the ephemeral range
 * (or above it, should it start low), so only another listener could take them, and each is checked
 * bindable on loopback before it is handed out.
 *
 * <p>Each JVM walks the pool from a random start, so test JVMs running at once (Surefire and
 * Failsafe forks, child processes) rarely meet; a port found taken is skipped.
 */
public final class TestPorts {

    /** The pool when the ephemeral range leaves room below it: 10000 up to the range's start. */
    static final int POOL_LOW = 10_000;
    private static final int POOL_MIN_SIZE = 2_000;
    /** Linux's default ephemeral range, assumed where the kernel's setting cannot be read. */
    static final int[] LINUX_DEFAULT_EPHEMERAL = {32_768, 60_999};

    private static final int[] POOL = pool(ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
    private static final AtomicInteger CURSOR = new AtomicInteger(ThreadLocalRandom.current().nextInt(POOL[1] - POOL[0] + 1));

    private TestPorts() {
    }

    /** A loopback port that was free just now and lies outside the ephemeral range. */
    public static int next() {
        return next(POOL[0], POOL[1], CURSOR);
    }

    /** The first bindable port of {@code first..last} from the cursor on, which moves past it. */
    static int next(int first, int last, AtomicInteger cursor) {
        int size = last - first + 1;
        for (int tries = 0; tries < size; tries++) {
            int port = first + Math.floorMod(cursor.getAndIncrement(), size);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + first + "-" + last);
    }

    /** The pool, as {@code {first, last}}, for an ephemeral range {@code {low, high}}. */
    static int[] pool(int[] ephemeral) {
        if (ephemeral[0] - POOL_LOW >= POOL_MIN_SIZE) {
            return new int[] {POOL_LOW, ephemeral[0] - 1};
        }
        if (65_535 - ephemeral[1] >= POOL_MIN_SIZE) {
            return new int[] {ephemeral[1] + 1, 65_535};
        }
        throw new IllegalStateException("the ephemeral port range " + ephemeral[0] + "-" + ephemeral[1]
                + " leaves no room for test ports");
    }

    /** The kernel's ephemeral range from its {@code low high} file, else Linux's default. */
    static int[] ephemeralRange(Path file) {
        try {
            String[] bounds = Files.readString(file).strip().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException notLinux) {
            return LINUX_DEFAULT_EPHEMERAL.clone();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
