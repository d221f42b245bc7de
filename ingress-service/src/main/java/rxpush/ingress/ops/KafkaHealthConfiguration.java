package rxpush.ingress.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Part of readiness: Kafka answers (a cluster description within 2 s). */
@Configuration(proxyBeanMethods = false)
class KafkaHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "close")
    Admin healthAdmin(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildAdminProperties());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "rxpush-ingress-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return Admin.create(props);
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin healthAdmin) {
        return () -> {
            try {
                var cluster = healthAdmin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
                int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                return Health.up().withDetail("nodes", nodes).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
