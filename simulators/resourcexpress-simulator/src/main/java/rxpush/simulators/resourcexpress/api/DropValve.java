package rxpush.simulators.resourcexpress.api;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Clock;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import rxpush.simulators.resourcexpress.faults.DownMode;
import rxpush.simulators.resourcexpress.faults.Faults;
import rxpush.simulators.resourcexpress.requests.RequestLog;
import rxpush.simulators.resourcexpress.requests.RequestRecord;

/**
 * Closes RX API connections without an answer while a {@link DownMode#DROP} window is open. A
 * servlet filter cannot do that (it can only answer), so this sits in Tomcat's pipeline in front
 * of the filters. Dropped requests are logged with status 0.
 */
final class DropValve extends ValveBase {

    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;

    DropValve(Faults faults, RequestLog log, Clock clock) {
        super(true);
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String uri = request.getRequestURI();
        if (ApiPaths.isApi(uri) && faults.downNow() == DownMode.DROP) {
            log.add(new RequestRecord(log.nextSeq(), clock.instant(), request.getMethod(), uri,
                    ApiPaths.bookingId(uri), request.getHeader("Idempotency-Key"), 0, false, false, "dropped"));
            response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
            return;
        }
        getNext().invoke(request, response);
    }
}
