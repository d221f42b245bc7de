package rxpush.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Binding and validation of the rxpush.* tree, without starting the service. */
class IngressSettingsTest {

    @Configuration
    @EnableConfigurationProperties(IngressSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void defaults() {
        runner.run(context -> {
            IngressSettings settings = context.getBean(IngressSettings.class);
            assertThat(settings.ingress().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(settings.ingress().maxBodySize().toBytes()).isEqualTo(1024 * 1024);
            assertThat(settings.ingress().kafkaAckTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.ingress().logPayloads()).isFalse();
            assertThat(settings.tls().enabledProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
            assertThat(settings.topics().partitions()).isEqualTo(12);
        });
    }

    @Test
    void bindsEveryKey() {
        runner.withPropertyValues("rxpush.ingress.max-body-size=256KB", "rxpush.ingress.kafka-ack-timeout=1500ms",
                "rxpush.ingress.log-payloads=true",
                "rxpush.tls.versions=1.0,1.1,1.2", "rxpush.tls.allow-legacy=true", "rxpush.topics.partitions=3")
                .run(context -> {
                    IngressSettings settings = context.getBean(IngressSettings.class);
                    assertThat(settings.ingress().maxBodySize()).isEqualTo(DataSize.ofKilobytes(256));
                    assertThat(settings.ingress().kafkaAckTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(settings.ingress().logPayloads()).isTrue();
                    assertThat(settings.tls().enabledProtocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
                    assertThat(settings.topics().partitions()).isEqualTo(3);
                });
    }

    @Test
    void refusesAnAckTimeoutPastGraphsBudgetRange() {
        runner.withPropertyValues("rxpush.ingress.kafka-ack-timeout=5m").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("rxpush.ingress.kafka-ack-timeout"));
    }

    @Test
    void refusesATinyOrHugeBodyLimit() {
        runner.withPropertyValues("rxpush.ingress.max-body-size=10B").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("rxpush.ingress.max-body-size"));
        runner.withPropertyValues("rxpush.ingress.max-body-size=1GB").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("rxpush.ingress.max-body-size"));
    }

    @Test
    void refusesUnknownTlsVersions() {
        runner.withPropertyValues("rxpush.tls.versions=1.2,ssl3").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("unknown TLS version 'ssl3'"));
    }
}
