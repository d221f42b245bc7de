package rxpush.ingress.ews;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EwsConfiguration {

    @Bean
    EwsRecords ewsRecords() {
        return new EwsRecords();
    }
}
