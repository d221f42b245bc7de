package rxpush.simulators.exchange.calendar;

import java.time.Instant;

/**
 * A meeting attendee with its response.
 *
 * @param person       who
 * @param type         required, optional or resource (a room)
 * @param response     the attendee's answer
 * @param responseTime when it answered; null when it has not
 */
public record Attendee(Person person, Type type, Response response, Instant responseTime) {

    /** Attendee role. */
    public enum Type {
        REQUIRED, OPTIONAL, RESOURCE
    }

    /** A response to a meeting, with its EWS ResponseType and Graph responseType names. */
    public enum Response {
        NONE("Unknown", "none"),
        ORGANIZER("Organizer", "organizer"),
        ACCEPTED("Accept", "accepted"),
        TENTATIVE("Tentative", "tentativelyAccepted"),
        DECLINED("Decline", "declined"),
        NOT_RESPONDED("NoResponseReceived", "notResponded");

        private final String ews;
        private final String graph;

        Response(String ews, String graph) {
            this.ews = ews;
            this.graph = graph;
        }

        public String ews() {
            return ews;
        }

        public String graph() {
            return graph;
        }
    }
}
