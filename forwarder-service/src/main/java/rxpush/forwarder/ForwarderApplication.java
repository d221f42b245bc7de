package rxpush.forwarder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point of the forwarder service: consumes change hints, re-reads the bookings from Exchange and
 * pushes them to ResourceXpress. Its configuration file is {@code forwarder.properties} (several
 * services can share one JVM and only the first application.properties would be seen).
 */
@SpringBootApplication
@EnableConfigurationProperties(ForwarderProperties.class)
public class ForwarderApplication {

    /** The name of the configuration file, without extension. */
    public static final String CONFIG_NAME = "forwarder";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its config name set, for main and for launchers that start it in-process. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ForwarderApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
