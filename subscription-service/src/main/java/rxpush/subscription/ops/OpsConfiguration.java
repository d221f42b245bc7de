package rxpush.subscription.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxpush.common.admin.AdminToken;
import rxpush.subscription.OpsSettings;
import rxpush.subscription.SubscriptionProperties;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.kafka.KafkaClients;
import rxpush.subscription.kafka.TopicNames;

/** The service's meters and the forwarder group's lag read from the brokers. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    SubscriptionMetrics subscriptionMetrics(MeterRegistry registry, SubscriptionEngine engine, Clock clock) {
        return new SubscriptionMetrics(registry, engine, clock);
    }

    @Bean
    ForwarderGroupLag forwarderGroupLag(KafkaClients clients, TopicNames names, OpsSettings ops, MeterRegistry registry,
            Clock clock) {
        return new ForwarderGroupLag(lagAdmin(clients, registry), ops.forwarderGroupId(), names.notifications(),
                ops.lagInterval(), clock).register(registry);
    }

    @Bean
    StatusPages statusPages(SubscriptionEngine engine, ForwarderGroupLag lag, KafkaClients clients, OpsSettings ops,
            SubscriptionProperties properties) {
        Peers peers = new Peers(lag.admin(), clients.groupId(), clients.ownerClientId(), ops.lagInterval());
        // Every instance of a deployment shares the admin token (configured, or the same token file):
        // the peers' admin APIs want it like any other caller's.
        String token = AdminToken.resolve(properties.admin().token(), properties.admin().tokenFile());
        return new StatusPages(engine, lag, peers, clients.ownerClientId(), token);
    }

    @Bean
    LagPoller lagPoller(ForwarderGroupLag lag, OpsSettings ops) {
        return new LagPoller(lag, lag.admin(), ops.lagInterval());
    }

    private static Admin lagAdmin(KafkaClients clients, MeterRegistry registry) {
        Admin admin = clients.admin();
        if (admin instanceof org.apache.kafka.clients.admin.AdminClient client) {
            new KafkaClientMetrics(client).bindTo(registry);
        }
        return admin;
    }
}
