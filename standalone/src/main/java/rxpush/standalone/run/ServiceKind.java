package rxpush.standalone.run;

import org.springframework.boot.builder.SpringApplicationBuilder;
import rxpush.forwarder.ForwarderApplication;
import rxpush.ingress.IngressApplication;
import rxpush.subscription.SubscriptionApplication;

/** The services the launcher runs, in start order (ingress last: it may only answer once the rest runs). */
enum ServiceKind {
    SUBSCRIPTION("subscription", SubscriptionApplication.class),
    FORWARDER("forwarder", ForwarderApplication.class),
    INGRESS("ingress", IngressApplication.class);

    private final String configName;
    private final Class<?> application;

    ServiceKind(String configName, Class<?> application) {
        this.configName = configName;
        this.application = application;
    }

    String id() {
        return configName;
    }

    /**
     * The service's own properties file first, then the operator's application.yml over it (later
     * names win), as if the service ran alone with that file beside it.
     */
    SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + configName + ",application");
    }
}
