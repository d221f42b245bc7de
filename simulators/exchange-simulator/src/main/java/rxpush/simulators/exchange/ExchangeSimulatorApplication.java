package rxpush.simulators.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import rxpush.simulators.exchange.control.ControlConfiguration;
import rxpush.simulators.exchange.ews.EwsConfiguration;
import rxpush.simulators.exchange.graph.GraphConfiguration;

/**
 * The exchange simulator as a Spring Boot application. It imports an explicit list of
 * auto-configurations (the servlet web stack, Jackson, validation) rather than everything on the
 * class path, so that it behaves the same when it runs inside another module's test JVM, whose
 * class path also holds Kafka, actuator and the like.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        ValidationAutoConfiguration.class})
@EnableConfigurationProperties(SimulatorProperties.class)
@Import({SimulatorConfiguration.class, EwsConfiguration.class, GraphConfiguration.class, ControlConfiguration.class})
public class ExchangeSimulatorApplication {

    /** The simulator's configuration file name: exchange-simulator.properties. */
    public static final String CONFIG_NAME = "exchange-simulator";

    public static void main(String[] args) {
        SpringApplication.run(ExchangeSimulatorApplication.class, withConfigName(args));
    }

    /** Prepends {@code --spring.config.name=exchange-simulator} unless the caller chose a name. */
    static String[] withConfigName(String[] args) {
        List<String> all = new ArrayList<>();
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--spring.config.name="))) {
            all.add("--spring.config.name=" + CONFIG_NAME);
        }
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }
}
