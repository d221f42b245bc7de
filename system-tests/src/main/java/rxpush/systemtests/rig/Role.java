package rxpush.systemtests.rig;

/**
 * The kinds of process in a local stack, in start order (brokers first, forwarders last), with
 * each kind's main class, heap and its block in the port layout ({@link Topology}).
 */
public enum Role {
    BROKER("broker", "kafka.Kafka", 0, "256m"),
    RX_SIMULATOR("rx-simulator", "rxpush.simulators.resourcexpress.RxSimulatorApplication", 500, "192m"),
    EXCHANGE_SIMULATOR("exchange-simulator", "rxpush.simulators.exchange.ExchangeSimulatorApplication", 400, "192m"),
    INGRESS_LB("ingress-lb", "rxpush.systemtests.rig.lb.TcpBalancer", 100, "48m"),
    SUBSCRIPTION("subscription", "rxpush.subscription.SubscriptionApplication", 200, "192m"),
    INGRESS("ingress", "rxpush.ingress.IngressApplication", 100, "192m"),
    FORWARDER("forwarder", "rxpush.forwarder.ForwarderApplication", 300, "192m");

    private final String prefix;
    private final String mainClass;
    private final int portBlock;
    private final String heap;

    Role(String prefix, String mainClass, int portBlock, String heap) {
        this.prefix = prefix;
        this.mainClass = mainClass;
        this.portBlock = portBlock;
        this.heap = heap;
    }

    /** Instance names are {@code prefix-n} (n from 1), or the bare prefix for single processes. */
    public String prefix() {
        return prefix;
    }

    String mainClass() {
        return mainClass;
    }

    int portBlock() {
        return portBlock;
    }

    String heap() {
        return heap;
    }

    /** Whether the role is one of rx-push's own services (configured with rx-push properties). */
    public boolean isService() {
        return this == INGRESS || this == SUBSCRIPTION || this == FORWARDER;
    }
}
