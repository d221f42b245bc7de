package rxpush.systemtests.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a test stack's port block may go: between 20000 and 65000, but never inside the
 * operating system's ephemeral port range. A block there can be checked free and still lose a
 * port moments later to the local end of some outgoing connection (a Kafka client's, say): the
 * clean-clone CI run of 2026-12-02 lost forwarder-2's port 50302 that way.
 */
final class PortBlocks {

    /** Ports from a block's base that the stack's layout can use ({@link Topology}: up to B+510). */
    static final int BLOCK = 1_000;
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 64_000;
    /** Linux's default, used where the kernel's setting cannot be read. */
    static final int[] LINUX_DEFAULT = {32_768, 60_999};
    private static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private PortBlocks() {
    }

    /** Bases of blocks that lie wholly outside {@code [low, high]}, the ephemeral range. */
    static List<Integer> basesOutside(int low, int high) {
        List<Integer> bases = new ArrayList<>();
        for (int base = LOWEST; base <= HIGHEST; base += BLOCK) {
            int last = base + BLOCK - 1;
            if (last < low || base > high) {
                bases.add(base);
            }
        }
        if (bases.isEmpty()) {
            throw new IllegalStateException("the ephemeral port range " + low + "-" + high
                    + " leaves no port block between " + LOWEST + " and " + (HIGHEST + BLOCK - 1));
        }
        return bases;
    }

    /** This machine's ephemeral port range, as {@code {low, high}}. */
    static int[] ephemeralRange() {
        return parse(LINUX_RANGE);
    }

    static int[] parse(Path file) {
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: assume Linux's default, which also covers most of the
            // IANA range 49152-65535 that macOS and Windows use.
            return LINUX_DEFAULT.clone();
        }
    }
}
