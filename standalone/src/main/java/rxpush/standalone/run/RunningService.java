package rxpush.standalone.run;

import org.springframework.context.ConfigurableApplicationContext;

/** A started service context and the ports it actually bound. */
record RunningService(ServiceKind kind, ConfigurableApplicationContext context) {

    /** The port the service's actuator (and admin API) answers on, 127.0.0.1 only. */
    int managementPort() {
        Integer management = context.getEnvironment().getProperty("local.management.port", Integer.class);
        return management != null ? management : serverPort();
    }

    int serverPort() {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        return port == null ? -1 : port;
    }
}
