package rxpush.ingress.ews;

import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxpush.ingress.IngressSettings;

@Configuration(proxyBeanMethods = false)
class EwsConfiguration {

    @Bean
    WatermarkTracker watermarkTracker() {
        return new WatermarkTracker();
    }

    @Bean
    SignalsFollower signalsFollower(WatermarkTracker tracker, KafkaProperties kafka, Clock clock, IngressSettings settings) {
        return new SignalsFollower(tracker, kafka.buildConsumerProperties(), clock, settings.ingress().watermarkLookback());
    }

    @Bean
    EwsRecords ewsRecords(WatermarkTracker tracker) {
        return new EwsRecords(tracker);
    }
}
