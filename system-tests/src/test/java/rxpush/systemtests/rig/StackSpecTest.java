package rxpush.systemtests.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSpecTest {

    @TempDir
    Path runDir;

    @Test
    void aSavedSpecLoadsBackUnchanged() throws IOException {
        StackSpec spec = StackSpec.defaults(runDir, "a.jar:b.jar").withCounts(3, 1, 2, 4).withSimulators(false)
                .withPortBase(23_000).withGraphRooms(1).withServiceProperty("rxpush.x", "y=z");
        spec.save();
        assertThat(StackSpec.load(runDir)).isEqualTo(spec);
    }

    @Test
    void loadingWhereNoStackWasStartedSaysSo() {
        assertThatThrownBy(() -> StackSpec.load(runDir)).hasMessageContaining("run 'up' first");
    }

    @Test
    void countsAndPortsAreChecked() {
        StackSpec spec = StackSpec.defaults(runDir, "cp");
        assertThatThrownBy(() -> spec.withCounts(0, 1, 1, 1)).hasMessageContaining("brokers must be within 1-9");
        assertThatThrownBy(() -> spec.withCounts(3, 10, 1, 1)).hasMessageContaining("ingress must be within 0-9");
        assertThatThrownBy(() -> spec.withPortBase(80)).hasMessageContaining("port base");
        assertThatThrownBy(() -> spec.withGraphRooms(7)).hasMessageContaining("graph rooms must be within 0-6");
    }

    @Test
    void aFreePortBaseLeavesTheDefaultBlockAndTheEphemeralRangeAlone() {
        int base = StackSpec.defaults(runDir, "cp").withFreePortBase().portBase();
        int[] ephemeral = PortBlocks.ephemeralRange();
        assertThat(base).isBetween(20_000, 64_000);
        assertThat(base + PortBlocks.BLOCK - 1 < ephemeral[0] || base > ephemeral[1])
                .as("block %d-%d outside the ephemeral range %d-%d", base, base + PortBlocks.BLOCK - 1, ephemeral[0],
                        ephemeral[1])
                .isTrue();
    }
}
