package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EverySubscribedTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final AtomicLong active = new AtomicLong();
    private final EverySubscribed signal = new EverySubscribed(active::get, 6, out, System.nanoTime());

    @Test
    void saysNothingUntilEveryMailboxIsActiveThenSaysItOnce() {
        active.set(5);
        signal.run();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        active.set(6);
        signal.run();
        signal.run();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList())
                .singleElement().asString().startsWith(EverySubscribed.LINE + " (6/6), ");
    }

    @Test
    void anUnreadableRegistryIsNotReadiness() {
        active.set(-1);
        signal.run();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
