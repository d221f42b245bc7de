package rxpush.common.contract;

/** The Graph lifecycle events rx-push acts on. */
public enum LifecycleEvent {
    REAUTHORIZATION_REQUIRED("reauthorizationRequired"),
    SUBSCRIPTION_REMOVED("subscriptionRemoved"),
    MISSED("missed");

    private final String graphName;

    LifecycleEvent(String graphName) {
        this.graphName = graphName;
    }

    /** The value of {@code lifecycleEvent} in Graph's payload. */
    public String graphName() {
        return graphName;
    }

    /** Maps Graph's {@code lifecycleEvent} value; null for a value rx-push does not know. */
    public static LifecycleEvent fromGraph(String value) {
        for (LifecycleEvent event : values()) {
            if (event.graphName.equals(value)) {
                return event;
            }
        }
        return null;
    }
}
