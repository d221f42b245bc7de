package rxpush.standalone.run;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Resolves the launch settings in a short-lived, non-web context, so they follow exactly the rules the
 * services follow (and a bad value fails the same way, through the config failure analyzer).
 */
final class LaunchSettingsResolver {

    static final int DEFAULT_SERVER_PORT = 8080;
    static final int DEFAULT_MANAGEMENT_PORT = 8081;
    /** The launcher prints its own one-line reason; Spring's multi-line report would bury it. */
    static final String QUIET_FAILURE_REPORT = "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter";

    private LaunchSettingsResolver() {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LaunchSettings.class)
    static class ResolverConfiguration {
    }

    static ResolvedLaunch resolve(String[] args) {
        SpringApplication app = new SpringApplication(ResolverConfiguration.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", QUIET_FAILURE_REPORT, "OFF"));
        try (ConfigurableApplicationContext context = app.run(args)) {
            Environment env = context.getEnvironment();
            return new ResolvedLaunch(context.getBean(LaunchSettings.class),
                    env.getProperty("spring.kafka.bootstrap-servers"),
                    env.getProperty("server.port", Integer.class, DEFAULT_SERVER_PORT),
                    env.getProperty("management.server.port", Integer.class, DEFAULT_MANAGEMENT_PORT));
        }
    }
}
