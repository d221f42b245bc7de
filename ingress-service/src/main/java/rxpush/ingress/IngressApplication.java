package rxpush.ingress;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import rxpush.common.kafka.TopicDeclarations;

/**
 * Entry point of the ingress service: the public endpoint Exchange (EWS push) and Microsoft Graph
 * POST their notifications to. Every accepted notification is on Kafka before the answer leaves.
 */
@SpringBootApplication
@EnableConfigurationProperties(IngressSettings.class)
public class IngressApplication {

    /** The service's configuration file: {@code ingress.properties} (several services share a JVM). */
    public static final String CONFIG_NAME = "ingress";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application reading ingress.properties, as main(), the tests and the benchmark start it.
     * Pass overrides as arguments ({@code --server.port=0}): ingress.properties wins over the
     * builder's default properties.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngressApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    /** Every service declares every topic, so whichever starts first creates them alike. */
    @Bean
    KafkaAdmin.NewTopics rxpushTopics(IngressSettings settings) {
        return TopicDeclarations.all(settings.topics());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
