package rxpush.standalone.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

class LegacyConfigImporterTest {

    private static ImportResult importFixture(List<String> mailboxes) throws IOException {
        try (InputStream in = LegacyConfigImporterTest.class.getResourceAsStream("/fixtures/legacy/RXPushService.exe.config")) {
            return LegacyConfigImporter.importConfig(in, mailboxes);
        }
    }

    private static ImportResult importText(String xml) throws IOException {
        return LegacyConfigImporter.importConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /** Loads the YAML the way Spring Boot will, and returns its flattened properties. */
    private static PropertySource<?> load(String yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("imported", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    @Test
    void translatesEveryLegacyKeyOfTheInstallGuidesConfig() throws IOException {
        PropertySource<?> properties = load(importFixture(List.of()).yaml());
        Map<String, Object> expected = Map.of(
                "rxpush.tenant-url", "http://localhost",
                "rxpush.api-key", "12345678910abc12def31415",
                "rxpush.notification-url", "http://rxserver.domain.local",
                "rxpush.ews.use-impersonation", true,
                "rxpush.ews.status-frequency", "5m",
                "rxpush.ews.status-grace", "5m",
                "rxpush.subscription.process-interval", "1m",
                "rxpush.tls.versions[0]", "TLSv1.2");
        expected.forEach((key, value) -> assertThat(properties.getProperty(key)).as(key).hasToString(value.toString()));
        assertThat(properties.getProperty("rxpush.tls.versions[1]")).isNull();
    }

    @Test
    void warnsAboutWhatNeedsAttentionInTheInstallGuidesConfig() throws IOException {
        List<String> warnings = importFixture(List.of()).warnings();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("UseTLSVersion requests TLSv1 and TLSv1.1"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("NotificationUrl").contains("not publicly reachable"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("TenantUrl http://localhost is local"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("12345678910abc12def31415"));
    }

    @Test
    void warnsWhenMoreThanTwentyEwsMailboxesHaveNoImpersonation() throws IOException {
        List<String> mailboxes = IntStream.rangeClosed(1, 21).mapToObj(i -> "room" + i + "@contoso.com").toList();
        ImportResult result = importText("""
                <configuration><appSettings>
                  <add key="UseImpersonation" value="false"/>
                  <add key="TenantUrl" value="https://rx.contoso.com"/>
                  <add key="NotificationUrl" value="https://push.contoso.com"/>
                  <add key="ApiKey" value="k"/>
                </appSettings></configuration>""");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("rx-push refuses more than 20"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("ErrorSubscriptionDelegateAccessNotSupported")
                .contains("rxpush.ews.use-impersonation: true").contains("ApplicationImpersonation"));

        try (InputStream in = new ByteArrayInputStream("""
                <configuration><appSettings><add key="UseImpersonation" value="false"/></appSettings></configuration>"""
                .getBytes(StandardCharsets.UTF_8))) {
            ImportResult many = LegacyConfigImporter.importConfig(in, mailboxes);
            assertThat(many.warnings()).anySatisfy(w -> assertThat(w).contains("21 EWS mailboxes").contains("refuse to start"));
            PropertySource<?> properties = load(many.yaml());
            assertThat(properties.getProperty("rxpush.mailboxes[20].address")).hasToString("room21@contoso.com");
            assertThat(properties.getProperty("rxpush.mailboxes[0].protocol")).hasToString("EWS");
        }
    }

    @Test
    void aPublicHttpsSetupHasNoUrlWarnings() throws IOException {
        ImportResult result = importText("""
                <configuration><appSettings>
                  <add key="TenantUrl" value="https://rx.contoso.com"/>
                  <add key="NotificationUrl" value="https://push.contoso.com"/>
                  <add key="UseImpersonation" value="true"/>
                  <add key="ApiKey" value="k"/>
                  <add key="UseTLSVersion" value="1.2"/>
                  <add key="EwsFrequency" value="10"/>
                  <add key="EwsFrequencyDelay" value="2"/>
                  <add key="ProcessSubscriptionInterval" value="3"/>
                </appSettings></configuration>""");
        assertThat(result.warnings()).isEmpty();
        PropertySource<?> properties = load(result.yaml());
        assertThat(properties.getProperty("rxpush.ews.status-frequency")).hasToString("10m");
        assertThat(properties.getProperty("rxpush.subscription.process-interval")).hasToString("3m");
    }

    @Test
    void badNumbersAndUnknownKeysAreWarnedNotFatal() throws IOException {
        ImportResult result = importText("""
                <configuration><appSettings>
                  <add key="EwsFrequency" value="5000"/>
                  <add key="EwsFrequencyDelay" value="five"/>
                  <add key="LogLevel" value="Debug"/>
                </appSettings></configuration>""");
        assertThat(result.warnings())
                .anySatisfy(w -> assertThat(w).contains("EwsFrequency=5000 is outside 1-1440").contains("1440"))
                .anySatisfy(w -> assertThat(w).contains("EwsFrequencyDelay=five is not a whole number"))
                .anySatisfy(w -> assertThat(w).contains("appSetting LogLevel is not used"))
                .anySatisfy(w -> assertThat(w).contains("TenantUrl is not set"));
        assertThat(load(result.yaml()).getProperty("rxpush.ews.status-frequency")).hasToString("1440m");
    }

    @Test
    void valuesWithQuotesAndBackslashesSurviveTheYaml() throws IOException {
        ImportResult result = importText("""
                <configuration><appSettings><add key="ApiKey" value="a&quot;b\\c: #d"/></appSettings></configuration>""");
        assertThat(load(result.yaml()).getProperty("rxpush.api-key")).hasToString("a\"b\\c: #d");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() {
        assertThatThrownBy(() -> importText("""
                <?xml version="1.0"?>
                <!DOCTYPE configuration [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <configuration><appSettings><add key="ApiKey" value="&xxe;"/></appSettings></configuration>"""))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a readable .NET config file");
    }

    @Test
    void refusesAFileThatIsNotAnAppConfig() {
        assertThatThrownBy(() -> importText("<web><x/></web>")).hasMessageContaining("root element is <web>");
        assertThatThrownBy(() -> importText("<configuration/>")).hasMessageContaining("no <appSettings>");
        assertThatThrownBy(() -> importText("{\"json\":true}")).hasMessageContaining("not a readable");
    }
}
