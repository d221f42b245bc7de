package rxpush.subscription.admin;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import rxpush.common.admin.AdminAccess;
import rxpush.common.admin.AdminToken;
import rxpush.common.config.AdminSettings;
import rxpush.subscription.SubscriptionProperties;
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

    /**
     * The bearer token and Host check in front of every endpoint of this context (docs/security.md,
     * "Operator surfaces"); first in the chain.
     */
    @Bean
    FilterRegistrationBean<AdminGuard> adminGuard(SubscriptionProperties properties) {
        AdminSettings admin = properties.admin();
        AdminAccess access = new AdminAccess(AdminToken.resolve(admin.token(), admin.tokenFile()),
                Set.copyOf(admin.allowedHosts()));
        FilterRegistrationBean<AdminGuard> bean = new FilterRegistrationBean<>(new AdminGuard(access));
        bean.addUrlPatterns("/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    MailboxController mailboxController(MailboxRegistry registry, SubscriptionEngine engine) {
        return new MailboxController(registry, engine);
    }

    @Bean
    StatusController statusController(SubscriptionEngine engine) {
        return new StatusController(engine);
    }

    @Bean
    MailboxStatusController mailboxStatusController(rxpush.subscription.ops.StatusPages pages, SubscriptionEngine engine) {
        return new MailboxStatusController(pages, engine);
    }
}
