package rxpush.ingress.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxpush.ingress.ops.IngressMetrics;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    SubscriptionRegistry subscriptionRegistry() {
        return new SubscriptionRegistry();
    }

    @Bean
    RegistryFollower registryFollower(SubscriptionRegistry registry, KafkaProperties kafka, IngressMetrics metrics) {
        return new RegistryFollower(registry, kafka.buildConsumerProperties(), metrics::invalidRegistryRecord);
    }

    /** Part of readiness: until the registry is loaded every notification would be answered 503. */
    @Bean
    HealthIndicator registryHealthIndicator(SubscriptionRegistry registry) {
        return () -> registry.loaded()
                ? Health.up().withDetail("subscriptions", registry.size()).build()
                : Health.down().withDetail("state", "loading rxpush.subscriptions").build();
    }
}
