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

    @Test
    void aLongClientStateDoesNotOverflowTheStack() {
        String state = "ab\\\"".repeat(4_000) + "x".repeat(10_000);
        String masked = PayloadLog.mask("{\"value\":[{\"clientState\":\"" + state + "\",\"x\":1}]}");

        assertThat(masked).isEqualTo("{\"value\":[{\"clientState\":\"***\",\"x\":1}]}");
    }

    @Test
    void lineBreaksCannotForgeALogLine() {
        String masked = PayloadLog.mask("{\"a\":\"x\r\n2026-12-04 INFO forged\u0007\"}");

        assertThat(masked).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0007")
                .contains("x\\r\\n2026-12-04 INFO forged\\u0007");
    }

    @Test
    void anUnterminatedClientStateIsMaskedToTheEnd() {
        assertThat(PayloadLog.mask("{\"clientState\": \"secret")).isEqualTo("{\"clientState\": \"***\"");
    }
}
