package rxpush.simulators.resourcexpress.api;

import jakarta.servlet.http.HttpServletRequest;
import rxpush.simulators.resourcexpress.faults.FaultPlan;

/**
 * What the handler learned about one request, for the filter to log once the answer is sent.
 * Lives in a request attribute; one request is handled by one thread at a time.
 */
final class RequestNote {

    private static final String ATTRIBUTE = RequestNote.class.getName();

    final FaultPlan plan;
    String bookingId;
    boolean applied;
    boolean replayed;
    String outcome;

    RequestNote(FaultPlan plan) {
        this.plan = plan;
    }

    void attach(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The request's note; a fresh one if the filter did not run (direct handler tests). */
    static RequestNote of(HttpServletRequest request) {
        Object note = request.getAttribute(ATTRIBUTE);
        if (note instanceof RequestNote found) {
            return found;
        }
        RequestNote fresh = new RequestNote(FaultPlan.NONE);
        fresh.attach(request);
        return fresh;
    }
}
