package rxpush.subscription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Entry point of the subscription service. No component scan: the beans are declared in
 * {@link SubscriptionConfiguration}, and the admin API is declared only for the management context
 * (rxpush.subscription.admin), so it is served on the management port and nowhere else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(SubscriptionProperties.class)
@Import({SubscriptionConfiguration.class, rxpush.subscription.ops.OpsConfiguration.class})
public class SubscriptionApplication {

    /** The service's own config file name: {@code subscription.properties} (several services may share a JVM). */
    public static final String CONFIG_NAME = "subscription";

    public static void main(String[] args) {
        System.setProperty("spring.config.name", CONFIG_NAME);
        SpringApplication.run(SubscriptionApplication.class, args);
    }
}
