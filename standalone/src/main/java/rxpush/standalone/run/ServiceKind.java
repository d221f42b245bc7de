package rxpush.standalone.run;

import org.springframework.boot.builder.SpringApplicationBuilder;
import rxpush.forwarder.ForwarderApplication;
import rxpush.ingress.IngressApplication;
import rxpush.subscription.SubscriptionApplication;

/**
 * The services the launcher runs, in start order. Ingress first: Graph validates the notification URL
 * while subscription-service creates a subscription, so the endpoint must already answer; ingress needs
 * nothing but Kafka. Subscription-service last, once both ends of its notifications are up.
 */
enum ServiceKind {
    INGRESS("ingress", IngressApplication.class),
    FORWARDER("forwarder", ForwarderApplication.class),
    SUBSCRIPTION("subscription", SubscriptionApplication.class);

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
        // The launcher closes the services itself, in order; Spring's own hook would close them all at once.
        return new SpringApplicationBuilder(application)
                .registerShutdownHook(false)
                .properties("spring.config.name=" + configName + ",application");
    }
}
