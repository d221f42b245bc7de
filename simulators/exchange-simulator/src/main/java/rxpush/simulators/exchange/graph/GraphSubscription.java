package rxpush.simulators.exchange.graph;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import rxpush.simulators.exchange.calendar.Mailbox;

/** One Graph subscription on a user's events; mutable fields are guarded by this object. */
final class GraphSubscription {

    enum State {
        ACTIVE, DELETED, EXPIRED, REMOVED, KILLED
    }

    final String id;
    final String resource;
    final Mailbox mailbox;
    final Set<String> changeTypes;
    final String changeTypeText;
    final String clientState;
    final URI lifecycleUrl;
    final boolean immutableIds;
    final String applicationId;
    final Instant created;

    URI notificationUrl;
    Instant expiration;
    State state = State.ACTIVE;
    long generation;
    long notifications;

    GraphSubscription(String id, String resource, Mailbox mailbox, Set<String> changeTypes, String changeTypeText,
                      String clientState, URI notificationUrl, URI lifecycleUrl, Instant expiration,
                      boolean immutableIds, String applicationId, Instant created) {
        this.id = id;
        this.resource = resource;
        this.mailbox = mailbox;
        this.changeTypes = changeTypes;
        this.changeTypeText = changeTypeText;
        this.clientState = clientState;
        this.notificationUrl = notificationUrl;
        this.lifecycleUrl = lifecycleUrl;
        this.expiration = expiration;
        this.immutableIds = immutableIds;
        this.applicationId = applicationId;
        this.created = created;
    }

    synchronized boolean active() {
        return state == State.ACTIVE;
    }
}
