package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortBlocksTest {

    @TempDir
    Path dir;

    @Test
    void blocksAroundLinuxsDefaultRangeStayBelowAndAboveIt() {
        assertThat(PortBlocks.basesOutside(32_768, 60_999)).containsExactly(20_000, 21_000, 22_000, 23_000, 24_000, 25_000,
                26_000, 27_000, 28_000, 29_000, 30_000, 31_000, 61_000, 62_000, 63_000, 64_000);
    }

    @Test
    void aBlockTouchingTheRangeIsLeftOut() {
        // 31000-31999 would hold port 31500, the range's first.
        assertThat(PortBlocks.basesOutside(31_500, 64_999)).containsExactly(20_000, 21_000, 22_000, 23_000, 24_000,
                25_000, 26_000, 27_000, 28_000, 29_000, 30_000);
    }

    @Test
    void aRangeCoveringEveryBlockIsAClearError() {
        assertThatThrownBy(() -> PortBlocks.basesOutside(1_024, 65_535))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1024-65535 leaves no port block");
    }

    @Test
    void theKernelsSettingIsReadWithItsTab() throws IOException {
        Path file = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t50000\n");
        assertThat(PortBlocks.parse(file)).containsExactly(40_000, 50_000);
    }

    @Test
    void anUnreadableOrGarbledSettingFallsBackToLinuxsDefault() throws IOException {
        assertThat(PortBlocks.parse(dir.resolve("missing"))).containsExactly(32_768, 60_999);
        Path garbled = Files.writeString(dir.resolve("garbled"), "wide open");
        assertThat(PortBlocks.parse(garbled)).containsExactly(32_768, 60_999);
    }
}
