package rxpush.systemtests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {

    @Test
    void variablesTakeTheirDefaults() {
        assertThat(Interpolation.defaults("rxpush/x:${TAG:-1.0}")).isEqualTo("rxpush/x:1.0");
        assertThat(Interpolation.defaults("${OPTS:--Xmx1g}")).isEqualTo("-Xmx1g");
        assertThat(Interpolation.defaults("${A-b}/${UNSET}/$${LITERAL}")).isEqualTo("b//${LITERAL}");
        assertThat(Interpolation.defaults("url=${REQUIRED:?set REQUIRED in .env}")).isEqualTo("url=");
    }

    @Test
    void relaxedBindingMapsEnvironmentNamesToDocumentedKeys() {
        assertThat(DocumentedProperties.envForm("rxpush.ews.status-frequency")).isEqualTo("RXPUSH_EWS_STATUSFREQUENCY");
        assertThat(DocumentedProperties.envForm("rxpush.mailboxes[n].address")).isEqualTo("RXPUSH_MAILBOXES_N_ADDRESS");
    }

    @Test
    void bothSpringSpellingsOfADashedKeyAreDocumented(@TempDir Path dir)
            throws Exception {
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, """
                | `rxpush.ews.status-frequency` | 5 | minutes |
                | `rxpush.ews.username` / `password` | | |
                | `rxpush.mailboxes[n].address` | | |
                | `rxpush.rx-simulator.faults.*` | | |
                """);
        DocumentedProperties documented = DocumentedProperties.read(doc);
        assertThat(documented.documents("RXPUSH_EWS_STATUS_FREQUENCY")).isTrue();
        assertThat(documented.documents("RXPUSH_EWS_STATUSFREQUENCY")).isTrue();
        assertThat(documented.documents("RXPUSH_EWS_PASSWORD")).isTrue();
        assertThat(documented.documents("RXPUSH_MAILBOXES_3_ADDRESS")).isTrue();
        assertThat(documented.documents("RXPUSH_RX_SIMULATOR_FAULTS_SERVER_ERROR_RATE")).isTrue();
        assertThat(documented.documents("RXPUSH_EWS_STATUS_GRACE")).isFalse();
    }
}
