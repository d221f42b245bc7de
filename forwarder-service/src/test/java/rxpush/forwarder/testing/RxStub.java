package rxpush.forwarder.testing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.kafka.ContractJson;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.LoopbackHttp.Request;

/**
 * A small, strict ResourceXpress push API v1 for tests (the contract in
 * docs/resourcexpress-push-api.md): checks the key, the Idempotency-Key and the body, applies each
 * key at most once, answers 409 to a write older than what it holds, and can be told to fail.
 */
public final class RxStub implements AutoCloseable {

    /** How the stub behaves right now. */
    public enum Mode { UP, UNAVAILABLE, THROTTLING, REJECTING_KEY }

    /** One write RX applied (not the repeats it answered from its idempotency memory). */
    public record Applied(String method, String bookingId, String idempotencyKey, BookingUpdate body, String deletedAt) {
    }

    private static final String BOOKINGS = "/api/push/v1/bookings/";

    private final String apiKey;
    private final LoopbackHttp http;
    private final Map<String, BookingUpdate> bookings = new ConcurrentHashMap<>();
    private final Map<String, Answer> answered = new ConcurrentHashMap<>();
    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Mode mode = Mode.UP;
    private volatile Predicate<BookingUpdate> invalid = booking -> false;

    public RxStub(String apiKey) {
        this.apiKey = apiKey;
        this.http = new LoopbackHttp(this::handle);
    }

    public URI tenantUrl() {
        return URI.create(http.url(""));
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Bookings matching this are answered 422 (a body RX refuses). */
    public void rejectAsInvalid(Predicate<BookingUpdate> rule) {
        this.invalid = rule;
    }

    public Optional<BookingUpdate> booking(String bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    /** RX holds this booking already, without the forwarder having a record of it (a lost version record). */
    public void hold(BookingUpdate booking) {
        bookings.put(booking.bookingId(), booking);
    }

    public Map<String, BookingUpdate> bookings() {
        return Map.copyOf(bookings);
    }

    public List<Applied> applied() {
        return List.copyOf(applied);
    }

    /** Every write request that reached the stub, applied or not. */
    public int writeRequests() {
        return writes.get();
    }

    public List<Request> requests() {
        return List.copyOf(http.requests);
    }

    private Answer handle(Request request) {
        boolean write = !request.method().equals("GET");
        if (write) {
            writes.incrementAndGet();
        }
        if (!apiKey.equals(request.header("X-Api-Key")) || mode == Mode.REJECTING_KEY) {
            return Answer.json(401, "{\"error\":\"invalid api key\"}");
        }
        if (mode == Mode.UNAVAILABLE) {
            return Answer.json(503, "{\"error\":\"maintenance\"}");
        }
        if (mode == Mode.THROTTLING) {
            return new Answer(429, "application/json", "{\"error\":\"slow down\"}", Map.of("Retry-After", "1"));
        }
        if (request.path().equals("/api/push/v1/health")) {
            return Answer.json(200, "{\"status\":\"UP\"}");
        }
        if (!request.path().startsWith(BOOKINGS)) {
            return empty(404);
        }
        String bookingId = request.path().substring(BOOKINGS.length());
        return switch (request.method()) {
            case "GET" -> booking(bookingId).map(b -> Answer.json(200, ContractJson.mapper().writeValueAsString(b)))
                    .orElse(empty(404));
            case "PUT" -> once(request, () -> put(bookingId, request));
            case "DELETE" -> once(request, () -> delete(bookingId, request));
            default -> empty(405);
        };
    }

    private synchronized Answer once(Request request, java.util.function.Supplier<Answer> action) {
        String key = request.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return Answer.json(400, "{\"error\":\"Idempotency-Key is required\"}");
        }
        Answer earlier = answered.get(key);
        if (earlier != null) {
            return earlier;
        }
        Answer answer = action.get();
        // Like RX: what was applied (2xx) or found stale (409) is remembered; a refused body is not,
        // so the same request can succeed once RX accepts it.
        if (answer.status() < 300 || answer.status() == 409) {
            answered.put(key, answer);
        }
        return answer;
    }

    private Answer put(String bookingId, Request request) {
        BookingUpdate body;
        try {
            body = ContractJson.mapper().readValue(request.body(), BookingUpdate.class);
        } catch (RuntimeException e) {
            return Answer.json(400, "{\"error\":\"invalid body\"}");
        }
        if (!bookingId.equals(body.bookingId()) || invalid.test(body)) {
            return Answer.json(422, "{\"error\":\"booking rejected\"}");
        }
        BookingUpdate stored = bookings.get(bookingId);
        if (stored != null && stored.lastModified().isAfter(body.lastModified())) {
            return Answer.json(409, "{\"stored\":\"" + stored.lastModified() + "\"}");
        }
        bookings.put(bookingId, body);
        applied.add(new Applied("PUT", bookingId, request.header("Idempotency-Key"), body, null));
        return Answer.json(stored == null ? 201 : 200, "{}");
    }

    private Answer delete(String bookingId, Request request) {
        String deletedAt = request.header("X-Deleted-At");
        try {
            Instant.parse(deletedAt);
        } catch (RuntimeException e) {
            return Answer.json(400, "{\"error\":\"X-Deleted-At must be an instant\"}");
        }
        bookings.remove(bookingId);
        applied.add(new Applied("DELETE", bookingId, request.header("Idempotency-Key"), null, deletedAt));
        return empty(204);
    }

    static Answer empty(int status) {
        return new Answer(status, "text/plain", "", Map.of());
    }

    @Override
    public void close() {
        http.close();
    }
}
