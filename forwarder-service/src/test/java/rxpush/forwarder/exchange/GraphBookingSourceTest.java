package rxpush.forwarder.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.GraphSettings;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.BookingUpdate.AttendeeType;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.BookingUpdate.ResponseType;
import rxpush.common.contract.Source;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;
import rxpush.testsupport.LoopbackHttp.Request;

/** The Graph reader against a loopback Graph (and token endpoint) over HTTP. */
class GraphBookingSourceTest {

    private static final String MAILBOX = "room.7@contoso.com";
    static final String EVENT = """
            {"@odata.etag":"W/\\"DwAAABYAAAA\\"","id":"AAMkAG-%s","iCalUId":"040000008200E0","changeKey":"DwAAABYAAAA",
             "lastModifiedDateTime":"2026-11-25T08:59:12.1234567Z","subject":"Weekly planning",
             "organizer":{"emailAddress":{"name":"Ada Lovelace","address":"ada@contoso.com"}},
             "start":{"dateTime":"2026-11-26T09:00:00.0000000","timeZone":"UTC"},
             "end":{"dateTime":"2026-11-26T10:00:00.0000000","timeZone":"UTC"},
             "originalStartTimeZone":"W. Europe Standard Time","isAllDay":false,"isCancelled":false,
             "location":{"displayName":"Room 7"},"sensitivity":"confidential","type":"%s","seriesMasterId":%s,
             "attendees":[{"type":"required","status":{"response":"accepted"},"emailAddress":{"name":"Bob","address":"bob@contoso.com"}},
                          {"type":"resource","status":{"response":"none"},"emailAddress":{"name":"Room 7","address":"room.7@contoso.com"}}]}""";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ForwarderMetrics metrics = new ForwarderMetrics(registry);
    /** The waits of in-place retries: recorded, never slept. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private LoopbackHttp graph;

    @AfterEach
    void close() {
        if (graph != null) {
            graph.close();
        }
    }

    private GraphBookingSource source(Function<Request, Answer> events) {
        graph = new LoopbackHttp(request -> request.path().startsWith("/token")
                ? Answer.json(200, "{\"access_token\":\"token-1\",\"expires_in\":3600}") : events.apply(request));
        GraphSettings settings = new GraphSettings(URI.create(graph.url("/v1.0")), URI.create(graph.url("/token")),
                "tenant", "client", "secret");
        HttpClient http = HttpClient.newHttpClient();
        Clock clock = Clock.systemUTC();
        GraphHttp graphHttp = new GraphHttp(settings, http, new GraphTokenProvider(settings, http, clock,
                Duration.ofSeconds(5)), clock, Duration.ofSeconds(5));
        return new GraphBookingSource(graphHttp, metrics, 4, new ThrottleRetry(waits::add));
    }

    static String event(String id, String type, String master) {
        return EVENT.formatted(id, type, master == null ? "null" : "\"" + master + "\"");
    }

    @Test
    void readsAnEventWithImmutableIdsInUtcAndMapsEveryField() {
        GraphBookingSource source = source(r -> Answer.json(200, event("1", "singleInstance", null)));

        Fetched fetched = source.fetch(MAILBOX, List.of("AAMkAG-1")).get("AAMkAG-1");

        assertThat(fetched).isInstanceOfSatisfying(Fetched.Found.class, found -> {
            BookingUpdate b = found.booking();
            assertThat(found.version()).isEqualTo("DwAAABYAAAA");
            assertThat(b.bookingId()).isEqualTo(BookingIds.bookingId(MAILBOX, "AAMkAG-1"));
            assertThat(b.source()).isEqualTo(Source.GRAPH);
            assertThat(b.iCalUid()).isEqualTo("040000008200E0");
            assertThat(b.lastModified()).isEqualTo(Instant.parse("2026-11-25T08:59:12.1234567Z"));
            assertThat(b.start()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
            assertThat(b.end()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
            assertThat(b.timeZone()).isEqualTo("W. Europe Standard Time");
            assertThat(b.subject()).isEqualTo("Weekly planning");
            assertThat(b.organizer()).isEqualTo(new BookingUpdate.Person("Ada Lovelace", "ada@contoso.com"));
            assertThat(b.location()).isEqualTo("Room 7");
            assertThat(b.sensitivity()).isEqualTo(BookingUpdate.Sensitivity.CONFIDENTIAL);
            assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.SINGLE);
            assertThat(b.attendees()).containsExactly(
                    new BookingUpdate.Attendee("bob@contoso.com", "Bob", AttendeeType.REQUIRED, ResponseType.ACCEPTED),
                    new BookingUpdate.Attendee("room.7@contoso.com", "Room 7", AttendeeType.RESOURCE, ResponseType.NONE));
        });
        Request request = graph.requests.stream().filter(r -> r.path().contains("/events/")).findFirst().orElseThrow();
        assertThat(request.path()).startsWith("/v1.0/users/room.7%40contoso.com/events/AAMkAG-1?$select=");
        assertThat(request.header("Prefer")).contains("IdType=\"ImmutableId\"").contains("outlook.timezone=\"UTC\"");
        assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
        assertThat(metrics.exchangeRequestsTotal()).isEqualTo(1);
    }

    @Test
    void occurrencesNameTheirSeriesMasterAsABooking() {
        GraphBookingSource source = source(r -> Answer.json(200, event("2", "exception", "AAMkAG-master")));

        BookingUpdate b = ((Fetched.Found) source.fetch(MAILBOX, List.of("AAMkAG-2")).get("AAMkAG-2")).booking();

        assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.EXCEPTION);
        assertThat(b.seriesMasterId()).isEqualTo(BookingIds.bookingId(MAILBOX, "AAMkAG-master"));
    }

    @Test
    void aSeriesMasterCarriesItsRecurrenceAsGraphStatesIt() {
        String master = event("m", "seriesMaster", null).replace("\"attendees\"", "\"recurrence\":{\"pattern\":{"
                + "\"type\":\"weekly\",\"interval\":1,\"month\":0,\"dayOfMonth\":0,\"daysOfWeek\":[\"monday\"],"
                + "\"firstDayOfWeek\":\"sunday\",\"index\":\"first\"},\"range\":{\"type\":\"noEnd\",\"startDate\":"
                + "\"2026-12-07\",\"endDate\":\"0001-01-01\",\"recurrenceTimeZone\":\"W. Europe Standard Time\","
                + "\"numberOfOccurrences\":0}},\"attendees\"");
        GraphBookingSource source = source(r -> Answer.json(200, master));

        BookingUpdate b = ((Fetched.Found) source.fetch(MAILBOX, List.of("AAMkAG-m")).get("AAMkAG-m")).booking();

        assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.SERIES_MASTER);
        assertThat(b.recurrence()).isEqualTo(new BookingUpdate.Recurrence(
                new BookingUpdate.Recurrence.Pattern("weekly", 1, null, null, List.of("monday"), "sunday", "first"),
                new BookingUpdate.Recurrence.Range("noEnd", "2026-12-07", null, null, "W. Europe Standard Time")));
    }

    @Test
    void aSeriesMasterWithoutRecurrenceCannotBeMapped() {
        GraphBookingSource source = source(r -> Answer.json(200, event("m", "seriesMaster", null)));

        assertThat(source.fetch(MAILBOX, List.of("AAMkAG-m")).get("AAMkAG-m")).isInstanceOf(Fetched.Unreadable.class);
    }

    @Test
    void theInstancesOfASeriesAreReadOverTheWindow() {
        GraphBookingSource source = source(r -> r.path().contains("/events/AAMkAG-m/instances")
                ? Answer.json(200, "{\"value\":[" + event("o1", "occurrence", "AAMkAG-m") + ","
                        + event("x2", "exception", "AAMkAG-m") + "]}")
                : Answer.json(404, "{\"error\":{\"code\":\"ErrorItemNotFound\"}}"));

        List<Listed> listed = source.instances(MAILBOX, "AAMkAG-m", Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2027-11-24T00:00:00Z"));

        assertThat(listed).extracting(Listed::itemId).containsExactly("AAMkAG-o1", "AAMkAG-x2");
        assertThat(listed).extracting(Listed::seriesMasterItemId).containsOnly("AAMkAG-m");
        assertThat(graph.requests.stream().filter(r -> r.path().contains("/instances")).findFirst().orElseThrow().path())
                .contains("startDateTime=2026-11-24T00:00:00Z").contains("endDateTime=2027-11-24T00:00:00Z");
        assertThat(source.instances(MAILBOX, "AAMkAG-gone", Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2027-11-24T00:00:00Z"))).as("a deleted master has no instances").isEmpty();
    }

    @Test
    void notFoundIsGoneOtherClientErrorsAreUnreadable() {
        GraphBookingSource source = source(r -> r.path().contains("gone")
                ? Answer.json(404, "{\"error\":{\"code\":\"ErrorItemNotFound\"}}")
                : Answer.json(400, "{\"error\":{\"code\":\"ErrorInvalidIdMalformed\"}}"));

        Map<String, Fetched> fetched = source.fetch(MAILBOX, List.of("gone", "odd"));

        assertThat(fetched.get("gone")).isInstanceOf(Fetched.Gone.class);
        assertThat(fetched.get("odd")).isInstanceOfSatisfying(Fetched.Unreadable.class, u -> {
            assertThat(u.failure().stage()).isEqualTo(FailureStage.FETCH);
            assertThat(u.failure().getMessage()).contains("ErrorInvalidIdMalformed");
        });
    }

    @Test
    void aMailboxLevelNotFoundIsAFailureOfTheMailboxNeverADeletion() {
        for (String body : List.of("{\"error\":{\"code\":\"ErrorInvalidUser\",\"message\":\"The requested user is invalid.\"}}",
                "{\"error\":{\"code\":\"MailboxNotEnabledForRESTAPI\"}}", "", "not json")) {
            GraphBookingSource source = source(r -> Answer.json(404, body));

            assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("AAMkAG-1"))).as(body)
                    .isInstanceOfSatisfying(TransientFailure.class,
                            e -> assertThat(e.getMessage()).contains("unreachable").contains("nothing is deleted"));
            close();
        }
        assertThat(registry.find("rxpush.forwarder.mailbox.unavailable").tag("code", "ErrorInvalidUser").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("rxpush.forwarder.mailbox.unavailable").tag("code", "MailboxNotEnabledForRESTAPI")
                .counter().count()).isEqualTo(1);
        assertThat(registry.find("rxpush.forwarder.mailbox.unavailable").tag("code", "other").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aMailboxLevelNotFoundOnTheCalendarViewIsTransient() {
        GraphBookingSource source = source(r -> Answer.json(404, "{\"error\":{\"code\":\"ErrorInvalidUser\"}}"));

        assertThatThrownBy(() -> source.window(MAILBOX, Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2027-05-24T00:00:00Z"))).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aThrottledRequestIsRetriedInPlaceAfterRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        GraphBookingSource source = source(r -> calls.getAndIncrement() < 2
                ? new Answer(429, "application/json", "{}", Map.of("Retry-After", "2"))
                : Answer.json(200, event("1", "singleInstance", null)));

        Fetched fetched = source.fetch(MAILBOX, List.of("AAMkAG-1")).get("AAMkAG-1");

        assertThat(fetched).isInstanceOf(Fetched.Found.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(throttled("retried")).isEqualTo(2);
        assertThat(throttled("paused")).isZero();
    }

    @Test
    void throttlingPastTheRetryBudgetIsTransientWithRetryAfter() {
        GraphBookingSource source = source(r -> new Answer(429, "application/json", "{}", Map.of("Retry-After", "7")));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(TransientFailure.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(throttled("paused")).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanTheInPlaceLimitPausesAtOnce() {
        GraphBookingSource source = source(r -> new Answer(503, "application/json", "{}", Map.of("Retry-After", "30")));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(TransientFailure.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
        assertThat(waits).isEmpty();
    }

    private double throttled(String outcome) {
        var counter = registry.find("rxpush.forwarder.throttled").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void serverErrorsAreTransient() {
        GraphBookingSource source = source(r -> Answer.json(502, "{}"));
        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aMailboxOutsideTheAccessPolicyIsRefusedForThatMailboxOnly() {
        GraphBookingSource source = source(r -> Answer.json(403, "{\"error\":{\"code\":\"ErrorAccessDenied\"}}"));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(
                rxpush.forwarder.failure.MailboxRefused.class, e -> {
                    assertThat(e.mailbox()).isEqualTo(MAILBOX);
                    assertThat(e.getMessage()).contains("ErrorAccessDenied").contains("application access policy")
                            .doesNotContain("secret").doesNotContain("token-1");
                });
    }

    @Test
    void aRefusedTokenIsAConfigurationFailure() {
        GraphBookingSource source = source(r -> Answer.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}"));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(ConfigurationFailure.class,
                e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("token-1"));
    }

    @Test
    void theCalendarViewIsReadPageByPageWithFullEvents() {
        GraphBookingSource source = source(r -> r.path().contains("page2")
                ? Answer.json(200, "{\"value\":[" + event("occ", "occurrence", "AAMkAG-m") + "]}")
                : Answer.json(200, "{\"value\":[" + event("a", "singleInstance", null) + "],\"@odata.nextLink\":\""
                        + graph.url("/v1.0/users/x/calendarView?page2=1") + "\"}"));

        List<Listed> listed = source.window(MAILBOX, Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2027-05-24T00:00:00Z"));

        assertThat(listed).extracting(Listed::itemId).containsExactly("AAMkAG-a", "AAMkAG-occ");
        assertThat(listed.get(1).seriesMasterItemId()).isEqualTo("AAMkAG-m");
        assertThat(listed).allSatisfy(l -> assertThat(l.full()).isInstanceOf(Fetched.Found.class));
        assertThat(graph.requests.stream().filter(r -> r.path().contains("calendarView")).findFirst().orElseThrow().path())
                .contains("startDateTime=2026-11-24T00:00:00Z").contains("endDateTime=2027-05-24T00:00:00Z");
    }
}
