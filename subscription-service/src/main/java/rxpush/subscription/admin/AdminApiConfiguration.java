package rxpush.subscription.admin;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.registry.MailboxRegistry;

/**
 * The admin API, declared for the management context only (listed in
 * META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports):
 * it is served wherever the actuator is (127.0.0.1:8081 by default), never on a public port.
 * {@code ANY}: with a separate management port it lives in the child context, otherwise in the main one.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
// The imports file is read by every Boot application on the class path (the standalone launcher runs
// several in one JVM): only a context that runs the subscription engine gets its admin API.
@ConditionalOnBean(SubscriptionEngine.class)
public class AdminApiConfiguration {

    @Bean
    MailboxController mailboxController(MailboxRegistry registry, SubscriptionEngine engine) {
        return new MailboxController(registry, engine);
    }

    @Bean
    StatusController statusController(SubscriptionEngine engine) {
        return new StatusController(engine);
    }

    @Bean
    MailboxStatusController mailboxStatusController(rxpush.subscription.ops.StatusPages pages, SubscriptionEngine engine,
            rxpush.subscription.OpsSettings ops) {
        return new MailboxStatusController(pages, engine, ops);
    }
}
