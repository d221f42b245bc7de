package rxpush.ingress.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import rxpush.common.kafka.ContractSerializer;
import rxpush.ingress.IngressSettings;
import rxpush.ingress.ops.IngressMetrics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * The producer's durability settings are fixed here, not left to properties: acks=all and
     * idempotence are what "on Kafka before acknowledged" means. spring.kafka.producer.* still
     * supplies the rest (bootstrap, security, batching).
     */
    @Bean
    ProducerFactory<String, Object> ingressProducerFactory(KafkaProperties kafka, IngressSettings settings,
            io.micrometer.core.instrument.MeterRegistry registry) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "rxpush-ingress");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        // send() blocks while it has no metadata (broker unreachable at start); never longer than
        // a request may wait in total.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.ingress().kafkaAckTimeout().toMillis());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(props,
                new StringSerializer(), new ContractSerializer<>());
        // Kafka's own producer metrics (kafka_producer_*), bound and unbound as the factory makes producers.
        factory.addListener(new org.springframework.kafka.core.MicrometerProducerListener<>(registry));
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> ingressKafkaTemplate(ProducerFactory<String, Object> factory) {
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(factory);
        // Spring Kafka's default listener logs a failed record, value included: notifications must never
        // reach the logs. Failures are counted and answered with 503 by NotificationPublisher instead.
        template.setProducerListener(new org.springframework.kafka.support.ProducerListener<>() { });
        return template;
    }

    @Bean
    NotificationPublisher notificationPublisher(KafkaTemplate<String, Object> kafka, IngressSettings settings,
            IngressMetrics metrics) {
        return new NotificationPublisher(kafka, settings.ingress().kafkaAckTimeout(), metrics);
    }
}
