package rxpush.simulators.resourcexpress;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import rxpush.simulators.resourcexpress.bookings.BookingStore;
import rxpush.simulators.resourcexpress.faults.FaultSettings;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;

/**
 * The ResourceXpress simulator as an application: {@code java -jar resourcexpress-simulator-*-exec.jar}
 * (docs/resourcexpress-simulator.md). Tests use {@link ResourceXpressSimulator#start} instead.
 */
// The simulator never talks to Kafka; as a library it may run in a service's test JVM that has
// Kafka on the classpath, where these would only add beans and start-up time.
@SpringBootApplication(excludeName = {
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration"})
@EnableConfigurationProperties(RxSimulatorProperties.class)
public class RxSimulatorApplication {

    /** Config file name: resourcexpress-simulator.properties, so it can share a JVM with services. */
    static final String CONFIG_NAME = "resourcexpress-simulator";

    private static final Logger log = LoggerFactory.getLogger(RxSimulatorApplication.class);

    public static void main(String[] args) {
        run(Clock.systemUTC(), args);
    }

    /** Starts a simulator context on {@code clock}; {@code args} are Spring command-line properties. */
    static ConfigurableApplicationContext run(Clock clock, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (all.stream().noneMatch(arg -> arg.startsWith("--spring.config.name="))) {
            all.addFirst("--spring.config.name=" + CONFIG_NAME);
        }
        return new SpringApplicationBuilder(RxSimulatorApplication.class)
                .main(RxSimulatorApplication.class)
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("rxSimulatorClock", Clock.class, () -> clock))
                .run(all.toArray(String[]::new));
    }

    @Bean(destroyMethod = "close")
    BookingStore bookingStore(Clock clock, RxSimulatorProperties properties) {
        return new BookingStore(clock, properties.dataFile());
    }

    @Bean
    RequestLog requestLog(RxSimulatorProperties properties) {
        return new RequestLog(properties.requestLogLimit());
    }

    @Bean
    Faults faults(Clock clock, RxSimulatorProperties properties) {
        Long configured = properties.seed() != null ? properties.seed()
                : properties.faults() != null ? properties.faults().seed() : null;
        long seed = configured != null ? configured : new SecureRandom().nextLong();
        log.info("Fault dice seed {} (set rxpush.rx-simulator.seed to repeat this run)", seed);
        FaultSettings initial = properties.faults() == null ? FaultSettings.none(seed)
                : properties.faults().toBuilder().seed(seed).build();
        return new Faults(clock, initial);
    }
}
