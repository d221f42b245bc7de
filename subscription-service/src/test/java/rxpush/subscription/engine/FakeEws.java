package rxpush.subscription.engine;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Exchange's push subscriptions in memory: which are alive, which watermarks it still accepts. */
final class FakeEws implements EwsClient {

    static final class Sub {
        final String id;
        final String mailbox;
        final URI url;
        final String startWatermark;
        boolean alive = true;
        int watermarkSeq;

        Sub(String id, String mailbox, URI url, String startWatermark) {
            this.id = id;
            this.mailbox = mailbox;
            this.url = url;
            this.startWatermark = startWatermark;
        }
    }

    final Map<String, Sub> subs = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final Set<String> knownWatermarks = new HashSet<>();
    private final Clock clock;
    /** Ids unique across fakes, as if one Exchange/Graph served every fixture of a test. */
    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();
    Function<String, ExchangeException> faults = mailbox -> null;
    Consumer<URI> beforeAnswer = url -> { };
    /** Runs once the subscription exists, before Subscribe answers: where Exchange's first push can race the answer. */
    Consumer<Sub> created = sub -> { };

    FakeEws(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Subscribed subscribe(String mailbox, URI url, int statusFrequency, String watermark)
            throws ExchangeException {
        calls.add(mailbox + (watermark == null ? " fresh" : " from " + watermark));
        ExchangeException failure = faults.apply(mailbox);
        if (failure != null) {
            throw failure;
        }
        if (watermark != null && !knownWatermarks.contains(watermark)) {
            throw ExchangeException.of(ExchangeException.Kind.INVALID_WATERMARK, "ErrorInvalidWatermark");
        }
        beforeAnswer.accept(url);
        Sub sub = new Sub("ews-" + COUNTER.incrementAndGet(), mailbox, url, watermark);
        subs.put(sub.id, sub);
        String start = "wm-" + sub.id + "-0";
        knownWatermarks.add(start);
        created.accept(sub);
        return new Subscribed(sub.id, start);
    }

    /** The next watermark a push of this subscription carries (Exchange remembers it). */
    synchronized String nextWatermark(String subscriptionId) {
        Sub sub = subs.get(subscriptionId);
        String wm = "wm-" + sub.id + "-" + (++sub.watermarkSeq);
        knownWatermarks.add(wm);
        return wm;
    }

    synchronized List<Sub> alive(String mailbox) {
        return subs.values().stream().filter(s -> s.mailbox.equals(mailbox) && s.alive).toList();
    }

    synchronized void kill(String subscriptionId) {
        subs.get(subscriptionId).alive = false;
    }

    synchronized long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    Clock clock() {
        return clock;
    }
}
