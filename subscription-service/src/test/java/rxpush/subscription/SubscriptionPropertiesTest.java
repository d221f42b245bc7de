package rxpush.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import rxpush.common.config.ConfigFailureAnalyzer;
import rxpush.common.contract.Protocol;

/** Binding of {@code rxpush.*}: defaults, legacy units, and the start-up refusals with their messages. */
class SubscriptionPropertiesTest {

    private static SubscriptionProperties bind(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of("rxpush.notification-url", "https://push.contoso.com/rx"));
        all.putAll(values);
        // As Spring Boot binds @Validated properties: with bean validation of the annotations.
        var validator = new org.springframework.validation.beanvalidation.LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return new Binder(new MapConfigurationPropertySource(all))
                .bind("rxpush", Bindable.of(SubscriptionProperties.class),
                        new org.springframework.boot.context.properties.bind.validation.ValidationBindHandler(validator))
                .get();
    }

    private static String failure(Map<String, String> values) {
        try {
            bind(values);
        } catch (org.springframework.boot.context.properties.bind.BindException e) {
            return new ConfigFailureAnalyzer().analyze(e).getDescription();
        }
        throw new AssertionError("expected a binding failure");
    }

    @Test
    void defaults() {
        SubscriptionProperties p = bind(Map.of());
        assertThat(p.subscription().processInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.subscription().groupId()).isEqualTo("rxpush-subscription");
        assertThat(p.subscription().sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.subscription().graphLifetime()).isEqualTo(Duration.ofMinutes(10_070));
        assertThat(p.subscription().graphRenewAfter()).isEqualTo(Duration.ofMinutes(5035));
        assertThat(p.ews().statusFrequency()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.mailboxes()).isEmpty();
        assertThat(p.ewsNotificationUrl("abc")).hasToString("https://push.contoso.com/rx/ews/notifications/abc");
        assertThat(p.graphNotificationUrl()).hasToString("https://push.contoso.com/rx/graph/notifications");
        assertThat(p.graphLifecycleUrl()).hasToString("https://push.contoso.com/rx/graph/lifecycle");
    }

    @Test
    void aPlainProcessIntervalMeansMinutesAsInTheLegacyService() {
        assertThat(bind(Map.of("rxpush.subscription.process-interval", "15")).subscription().processInterval())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(bind(Map.of("rxpush.subscription.process-interval", "90s")).subscription().processInterval())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void moreThanTwentyEwsMailboxesWithoutImpersonationAreRefusedNamingTheSetting() {
        Map<String, String> values = new HashMap<>(Map.of("rxpush.ews.url", "https://mail.contoso.com/EWS/Exchange.asmx",
                "rxpush.ews.use-impersonation", "false"));
        for (int i = 0; i < 21; i++) {
            values.put("rxpush.mailboxes[" + i + "].address", "room." + i + "@contoso.com");
            values.put("rxpush.mailboxes[" + i + "].protocol", "EWS");
        }
        assertThat(failure(values)).contains("21 EWS mailboxes").contains("rxpush.ews.use-impersonation");

        values.put("rxpush.ews.use-impersonation", "true");
        assertThat(bind(values).mailboxes()).hasSize(21);
    }

    @Test
    void twentyEwsMailboxesWithoutImpersonationAreFine() {
        // Push subscriptions need impersonation (Exchange refuses delegate subscriptions): on by default.
        assertThat(bind(Map.of()).ews().useImpersonation()).isTrue();
        Map<String, String> off = Map.of("rxpush.ews.use-impersonation", "false");
        SubscriptionProperties.checkEwsMailboxCount(20, bind(off).ews());
        assertThatThrownBy(() -> SubscriptionProperties.checkEwsMailboxCount(21, bind(off).ews()))
                .hasMessageContaining("rxpush.ews.use-impersonation");
    }

    @Test
    void aMailboxNeedsItsProtocolConfigured() {
        assertThat(failure(Map.of("rxpush.mailboxes[0].address", "room@contoso.com",
                "rxpush.mailboxes[0].protocol", "GRAPH"))).contains("rxpush.graph.client-id");
        assertThatThrownBy(() -> SubscriptionProperties.requireProtocolConfigured(Protocol.EWS, bind(Map.of()).ews(),
                bind(Map.of()).graph())).hasMessageContaining("rxpush.ews.url");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThat(failure(Map.of("rxpush.subscription.graph-lifetime", "8d"))).contains("graph-lifetime").contains("10080");
        assertThat(failure(Map.of("rxpush.notification-url", "ftp://x"))).contains("rxpush.notification-url");
        assertThat(failure(Map.of("rxpush.subscription.heartbeat-interval", "5s"))).contains("heartbeat-interval");
        // common's analyzer drops the nested ".subscription" of annotation failures (reported to common).
        assertThat(failure(Map.of("rxpush.subscription.max-concurrent-requests", "0")))
                .contains("max-concurrent-requests").contains("greater than or equal to 1");
    }
}
