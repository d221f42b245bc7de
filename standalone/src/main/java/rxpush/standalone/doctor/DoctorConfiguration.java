package rxpush.standalone.doctor;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The small non-web context doctor runs in: it binds and validates the same rxpush.* settings as the services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DoctorSettings.class)
public class DoctorConfiguration {

    @Bean
    Doctor doctor(DoctorSettings settings,
            @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
        return Doctor.forSettings(settings, bootstrapServers, Clock.systemUTC());
    }
}
