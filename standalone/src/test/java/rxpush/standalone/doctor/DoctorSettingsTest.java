package rxpush.standalone.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DoctorSettingsTest {

    @Test
    void toStringNeverPrintsTheApiKeyOrOtherSecrets() {
        DoctorSettings settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "rxpush.tenant-url", "https://rx.example.com",
                "rxpush.api-key", "api-key-12345678910abc",
                "rxpush.ews.url", "https://mail.example.com/EWS/Exchange.asmx",
                "rxpush.ews.username", "svc",
                "rxpush.ews.password", "ews-password-secret",
                "rxpush.graph.tenant-id", "t",
                "rxpush.graph.client-id", "c",
                "rxpush.graph.client-secret", "graph-client-secret")))
                .bindOrCreate("rxpush", Bindable.of(DoctorSettings.class));

        assertThat(settings.apiKey()).isEqualTo("api-key-12345678910abc");
        assertThat(settings.toString()).contains("https://rx.example.com").contains("apiKey=***")
                .doesNotContain("api-key-12345678910abc").doesNotContain("ews-password-secret")
                .doesNotContain("graph-client-secret");
    }

    @Test
    void anUnsetApiKeyIsShownAsUnset() {
        DoctorSettings settings = new DoctorSettings(URI.create("https://rx.example.com"), null, null, null, null, List.of(),
                null);
        assertThat(settings.toString()).contains("apiKey=(unset)");
    }
}
