package rxpush.subscription.engine;

import rxpush.common.contract.Protocol;

/**
 * What the engine reports as it works, for meters. Called on the engine's threads, outside any
 * mailbox lock; implementations must be cheap and thread-safe. Every method defaults to nothing.
 */
public interface EngineEvents {

    /** Reports nothing (tests, tools). */
    EngineEvents NONE = new EngineEvents() {
    };

    /**
     * One action against Exchange or Graph finished.
     *
     * @param action  create, recover, renew, recreate or remove
     * @param outcome ok, or the failure's kind in lower case (transient, throttled, permanent, ...)
     */
    default void action(String action, Protocol protocol, String outcome) {
    }

    /** An EWS subscription stayed silent past status-frequency + status-grace (the watchdog fired). */
    default void heartbeatMissed(Protocol protocol) {
    }

    /** A RESYNC request for the forwarder was committed. */
    default void resyncRequested(Protocol protocol) {
    }
}
