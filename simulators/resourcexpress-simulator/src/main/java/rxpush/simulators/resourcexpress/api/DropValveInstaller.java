package rxpush.simulators.resourcexpress.api;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;

/** Puts {@link DropValve} into the embedded Tomcat (the only server the starter brings). */
@Component
@ConditionalOnClass(name = "org.apache.catalina.valves.ValveBase")
final class DropValveInstaller implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;

    DropValveInstaller(Faults faults, RequestLog log, Clock clock) {
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new DropValve(faults, log, clock));
    }
}
