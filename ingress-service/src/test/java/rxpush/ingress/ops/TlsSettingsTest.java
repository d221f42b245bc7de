package rxpush.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    @Test
    void legacyValueIsServedWithoutItsBrokenVersions() {
        TlsSettings tls = new TlsSettings(List.of("1.0", "1.1", "1.2"), false);

        assertThat(tls.enabledProtocols()).containsExactly("TLSv1.2");
        assertThat(tls.refusedProtocols()).containsExactly("TLSv1", "TLSv1.1");
        assertThat(tls.legacyProtocolsServed()).isEmpty();
    }

    @Test
    void legacyVersionsOnlyWhenAllowed() {
        TlsSettings tls = new TlsSettings(List.of("1.1", "1.2"), true);

        assertThat(tls.enabledProtocols()).containsExactly("TLSv1.1", "TLSv1.2");
        assertThat(tls.legacyProtocolsServed()).containsExactly("TLSv1.1");
        assertThat(tls.refusedProtocols()).isEmpty();
    }

    @Test
    void acceptsLegacyDotNetAndJsseNames() {
        assertThat(new TlsSettings(List.of("Tls12", "TLSv1.3", " 1.2 "), false).enabledProtocols())
                .containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void onlyLegacyVersionsWithoutPermissionIsAnError() {
        assertThatThrownBy(() -> new TlsSettings(List.of("1.0", "1.1"), false))
                .hasMessageContaining("rxpush.tls.allow-legacy");
    }

    @Test
    void emptyAndUnknownAreErrors() {
        assertThatThrownBy(() -> new TlsSettings(List.of(" "), false)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new TlsSettings(List.of("2.0"), false)).hasMessageContaining("unknown TLS version");
    }
}
