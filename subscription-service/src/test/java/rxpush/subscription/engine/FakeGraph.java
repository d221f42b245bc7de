package rxpush.subscription.engine;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Graph's subscription service in memory: what exists, what expired, and injectable failures. */
final class FakeGraph implements GraphClient {

    static final class Sub {
        final String id;
        final String mailbox;
        final String clientState;
        Instant expiresAt;

        Sub(String id, String mailbox, String clientState, Instant expiresAt) {
            this.id = id;
            this.mailbox = mailbox;
            this.clientState = clientState;
            this.expiresAt = expiresAt;
        }
    }

    final Map<String, Sub> subs = new LinkedHashMap<>();
    /** The secrets of every create, in order: clientState and notificationUrl token. */
    final List<String> createdClientStates = new ArrayList<>();
    final List<String> createdUrlTokens = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<Instant> callTimes = new ArrayList<>();
    private final Clock clock;
    private final URI notificationUrl;
    /** Ids unique across fakes, as if one Exchange/Graph served every fixture of a test. */
    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();
    /** Returns the failure for an operation ("create m", "renew id", "delete id", "list"), or null. */
    Function<String, ExchangeException> faults = op -> null;
    /** Called before a create is answered, to look at the registry at that moment. */
    Consumer<String> beforeCreate = mailbox -> { };

    FakeGraph(Clock clock, URI notificationUrl) {
        this.clock = clock;
        this.notificationUrl = notificationUrl;
    }

    private void call(String op) throws ExchangeException {
        calls.add(op);
        callTimes.add(clock.instant());
        ExchangeException failure = faults.apply(op);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized Subscription create(String mailbox, String clientState, String urlToken, Instant expiresAt) throws ExchangeException {
        call("create " + mailbox);
        beforeCreate.accept(mailbox);
        createdClientStates.add(clientState);
        createdUrlTokens.add(urlToken);
        Instant cap = clock.instant().plus(Duration.ofMinutes(10_080));
        Sub sub = new Sub("graph-" + COUNTER.incrementAndGet(), mailbox, clientState, expiresAt.isAfter(cap) ? cap : expiresAt);
        subs.put(sub.id, sub);
        return new Subscription(sub.id, mailbox, URI.create(notificationUrl + "/" + urlToken), sub.expiresAt);
    }

    @Override
    public synchronized Instant renew(String subscriptionId, Instant expiresAt) throws ExchangeException {
        call("renew " + subscriptionId);
        Sub sub = subs.get(subscriptionId);
        if (sub == null || !clock.instant().isBefore(sub.expiresAt)) {
            subs.remove(subscriptionId);
            throw ExchangeException.of(ExchangeException.Kind.NOT_FOUND, "404 subscription not found");
        }
        sub.expiresAt = expiresAt;
        return expiresAt;
    }

    @Override
    public synchronized void delete(String subscriptionId) throws ExchangeException {
        call("delete " + subscriptionId);
        subs.remove(subscriptionId);
    }

    @Override
    public synchronized List<Subscription> list() throws ExchangeException {
        call("list");
        return subs.values().stream().map(s -> new Subscription(s.id, s.mailbox, notificationUrl, s.expiresAt)).toList();
    }

    /** Graph drops a subscription on its own (then sends subscriptionRemoved). */
    synchronized void drop(String subscriptionId) {
        subs.remove(subscriptionId);
    }

    synchronized List<Sub> live(String mailbox) {
        return subs.values().stream().filter(s -> s.mailbox.equals(mailbox) && clock.instant().isBefore(s.expiresAt)).toList();
    }

    synchronized long count(String opPrefix) {
        return calls.stream().filter(c -> c.startsWith(opPrefix)).count();
    }
}
