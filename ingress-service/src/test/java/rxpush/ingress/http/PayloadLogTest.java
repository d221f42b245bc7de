package rxpush.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rxpush.ingress.testing.Fixtures;

class PayloadLogTest {

    @Test
    void masksEveryClientState() {
        String masked = PayloadLog.mask(Fixtures.text("graph/msdocs-lifecycle-reauthorizationRequired.json")
                + "{\"clientState\" : \"a\\\"b\"}");

        assertThat(masked).doesNotContain("{secret client state}").doesNotContain("a\\\"b")
                .contains("\"clientState\": \"***\"").contains("\"clientState\" : \"***\"")
                .contains("reauthorizationRequired");
    }
}
