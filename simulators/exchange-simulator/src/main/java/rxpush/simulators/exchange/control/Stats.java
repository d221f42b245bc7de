package rxpush.simulators.exchange.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per request and delivery kind ("ews.GetItem", "ews.GetItem.items", "graph.events.get",
 * "ews.push.posts", "graph.notifications.slowAnswers" ...), so tests can count how often Exchange was
 * asked. docs/exchange-simulator.md lists the names.
 */
public final class Stats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(String kind) {
        add(kind, 1);
    }

    public void add(String kind, long amount) {
        counters.computeIfAbsent(kind, k -> new LongAdder()).add(amount);
    }

    public long count(String kind) {
        LongAdder adder = counters.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    /** All counters, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return copy;
    }

    public void reset() {
        counters.clear();
    }
}
