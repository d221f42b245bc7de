package rxpush.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPortsTest {

    @Test
    void thePoolLiesBelowLinuxsDefaultEphemeralRange() {
        assertThat(TestPorts.pool(new int[] {32_768, 60_999})).containsExactly(10_000, 32_767);
    }

    @Test
    void anEphemeralRangeStartingLowPushesThePoolAboveIt() {
        assertThat(TestPorts.pool(new int[] {1_024, 49_151})).containsExactly(49_152, 65_535);
    }

    @Test
    void anEphemeralRangeCoveringNearlyEverythingIsAClearError() {
        assertThatThrownBy(() -> TestPorts.pool(new int[] {1_024, 65_000}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1024-65000");
    }

    @Test
    void theKernelsRangeIsReadAndAnUnreadableOneFallsBackToLinuxsDefault(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t50000\n");
        assertThat(TestPorts.ephemeralRange(file)).containsExactly(40_000, 50_000);
        assertThat(TestPorts.ephemeralRange(dir.resolve("missing"))).isEqualTo(TestPorts.LINUX_DEFAULT_EPHEMERAL);
        Files.writeString(file, "garbage");
        assertThat(TestPorts.ephemeralRange(file)).isEqualTo(TestPorts.LINUX_DEFAULT_EPHEMERAL);
    }

    @Test
    void portsHandedOutAreDistinctBindableAndOutsideTheEphemeralRange() throws IOException {
        int[] ephemeral = TestPorts.ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = TestPorts.next();
            assertThat(port < ephemeral[0] || port > ephemeral[1]).as("port %d outside %d-%d", port, ephemeral[0],
                    ephemeral[1]).isTrue();
            ports.add(port);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        assertThat(ports).hasSize(50);
    }

    @Test
    void aPortInUseIsSkippedAndAFullPoolIsAClearError() throws IOException {
        int port = TestPorts.next();
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            AtomicInteger cursor = new AtomicInteger();
            assertThat(TestPorts.next(port - 1, port, cursor)).isEqualTo(port - 1);
            assertThat(TestPorts.next(port - 1, port, cursor)).as("the held port skipped").isEqualTo(port - 1);
            assertThatThrownBy(() -> TestPorts.next(port, port, cursor))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no free port in " + port + "-" + port);
        }
    }
}
