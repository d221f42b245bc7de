package rxpush.ingress.kafka;

import java.time.Instant;
import java.util.UUID;
import rxpush.common.contract.Source;

/**
 * What every record of one notification request shares.
 *
 * @param source     EWS or GRAPH
 * @param traceId    random id of the request, in every record's header and in the request's logs
 * @param receivedAt when the request arrived (the records' receivedAt)
 * @param startNanos {@link System#nanoTime()} at arrival, for the ack deadline and latency
 */
public record RequestContext(Source source, String traceId, Instant receivedAt, long startNanos) {

    public static RequestContext start(Source source, Instant now) {
        return new RequestContext(source, UUID.randomUUID().toString(), now, System.nanoTime());
    }
}
