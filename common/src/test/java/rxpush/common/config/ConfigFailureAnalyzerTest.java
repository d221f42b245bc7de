package rxpush.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.annotation.Validated;
import org.springframework.boot.context.properties.bind.BindException;

class ConfigFailureAnalyzerTest {

    @Validated
    @ConfigurationProperties("rxpush")
    record SampleProperties(@Valid EwsSettings ews, @NotNull java.net.URI tenantUrl,
            @Valid @org.springframework.boot.context.properties.bind.DefaultValue Nested subscription) {
    }

    record Nested(@org.springframework.boot.context.properties.bind.DefaultValue("4")
            @jakarta.validation.constraints.Min(1) int maxConcurrentRequests) {
    }

    @EnableConfigurationProperties(SampleProperties.class)
    static class SampleConfiguration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SampleConfiguration.class)
            .withBean(org.springframework.validation.beanvalidation.LocalValidatorFactoryBean.class);

    @Test
    void aRuleInTheRecordNamesTheKeyAndTheRuleInOneLine() {
        String line = analyze("rxpush.tenant-url=http://rx.local", "rxpush.ews.status-frequency=2000");
        assertThat(line).isEqualTo("Invalid configuration: rxpush.ews: rxpush.ews.status-frequency must be between 1 and 1440 minutes");
    }

    @Test
    void aMissingRequiredValueNamesTheKey() {
        String line = analyze("rxpush.ews.status-frequency=5");
        assertThat(line).startsWith("Invalid configuration: rxpush.tenant-url").doesNotContain("\n");
    }

    @Test
    void aValueThatCannotBeConvertedNamesTheKeyButNotTheValue() {
        String line = analyze("rxpush.tenant-url=http://rx.local", "rxpush.ews.use-impersonation=s3cr3t-ish");
        assertThat(line).contains("rxpush.ews.use-impersonation").doesNotContain("s3cr3t-ish").doesNotContain("\n");
    }

    @Test
    void anyBindingFailureIsDescribedFromTheWholeCauseChain() {
        String[] line = new String[1];
        runner.withPropertyValues("rxpush.tenant-url=http://rx.local", "rxpush.ews.status-frequency=0")
                .run(context -> line[0] = ConfigFailureAnalyzer.describeConfigFailure(context.getStartupFailure()).orElseThrow());
        assertThat(line[0]).contains("rxpush.ews.status-frequency must be between 1 and 1440 minutes");
        assertThat(ConfigFailureAnalyzer.describeConfigFailure(new IllegalStateException("other"))).isEmpty();
    }

    @Test
    void aViolationInANestedRecordNamesTheWholeKey() {
        String line = analyze("rxpush.tenant-url=http://rx.local", "rxpush.subscription.max-concurrent-requests=0");
        assertThat(line).startsWith("Invalid configuration: rxpush.subscription.max-concurrent-requests must be greater than");
    }

    @Test
    void aFieldErrorOnANestedObjectUsesTheObjectsKey() {
        assertThat(ConfigFailureAnalyzer.base("rxpush", "rxpush.subscription")).isEqualTo("rxpush.subscription");
        assertThat(ConfigFailureAnalyzer.base("rxpush", "rxpush")).isEqualTo("rxpush");
        assertThat(ConfigFailureAnalyzer.base("rxpush", "somethingElse")).isEqualTo("rxpush");
    }

    @Test
    void aPlainNumberForStatusFrequencyMeansMinutes() {
        runner.withPropertyValues("rxpush.tenant-url=http://rx.local", "rxpush.ews.status-frequency=15")
                .run(context -> assertThat(context.getBean(SampleProperties.class).ews().statusFrequency())
                        .isEqualTo(java.time.Duration.ofMinutes(15)));
    }

    private String analyze(String... properties) {
        String[] description = new String[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            Throwable bind = failure;
            while (bind != null && !(bind instanceof BindException)) {
                bind = bind.getCause();
            }
            assertThat(bind).as("a BindException in %s", failure).isNotNull();
            FailureAnalysis analysis = new ConfigFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            description[0] = analysis.getDescription();
        });
        return description[0];
    }
}
