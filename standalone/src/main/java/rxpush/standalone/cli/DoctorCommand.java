package rxpush.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Spec;
import rxpush.standalone.doctor.Doctor;
import rxpush.standalone.doctor.DoctorConfiguration;

/** {@code rxpush doctor}: the old troubleshooting checklist, automated. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        description = {"Check the setup and print PASS/WARN/FAIL per item with its fix:",
                "Kafka reachable and topics present; ResourceXpress reachable and the ApiKey accepted;",
                "NotificationUrl reachable (a self-call through the external URL); EWS credentials and",
                "impersonation per mailbox; Graph token and calendar access per mailbox; every subscription healthy.",
                "Reads ./application.yml and any --name=value settings, like the services.",
                "Exit code 0 when nothing failed, 1 otherwise."})
class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Spring-style settings (--rxpush.tenant-url=...), passed through as the services would see them. */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication app = new SpringApplication(DoctorConfiguration.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(java.util.Map.of("logging.level.root", "WARN", "logging.level.org.apache.kafka", "ERROR"));
        try (ConfigurableApplicationContext context = app.run(settings.toArray(String[]::new))) {
            return context.getBean(Doctor.class).run(spec.commandLine().getOut()) ? 0 : 1;
        }
    }
}
