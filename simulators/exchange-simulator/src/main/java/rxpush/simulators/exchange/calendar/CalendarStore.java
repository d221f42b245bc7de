package rxpush.simulators.exchange.calendar;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All simulated mailboxes, the global change sequence and the listeners (EWS push, Graph
 * notifications) that every change is published to. Ids are derived from the seed, so the same
 * configuration produces the same mailbox GUIDs and user ids on every run.
 */
public final class CalendarStore {

    /** Receives the journal entries of each change, after the mailbox lock is released. */
    public interface Listener {
        void changed(Mailbox mailbox, List<JournalEntry> entries);
    }

    private final Clock clock;
    private final Duration retention;
    private final List<Mailbox> mailboxes;
    private final Map<String, Mailbox> byAddress = new ConcurrentHashMap<>();
    private final Map<UUID, Mailbox> byGuid = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> byObjectId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param addresses SMTP addresses of the room mailboxes
     * @param seed      seed for the mailbox GUIDs and user ids
     * @param retention how long journal entries are kept (watermarks and sync states older than this
     *                  are invalid)
     */
    public CalendarStore(Clock clock, List<String> addresses, long seed, Duration retention) {
        this.clock = clock;
        this.retention = retention;
        List<Mailbox> created = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            UUID guid = stableUuid(seed, "mailbox", address);
            UUID objectId = stableUuid(seed, "user", address);
            Mailbox mailbox = new Mailbox(i, address, displayName(address), guid, objectId.toString(), clock.instant());
            if (byAddress.putIfAbsent(address.toLowerCase(Locale.ROOT), mailbox) != null) {
                throw new IllegalArgumentException("mailbox " + address + " is configured twice");
            }
            byGuid.put(guid, mailbox);
            byObjectId.put(mailbox.objectId(), mailbox);
            created.add(mailbox);
        }
        this.mailboxes = List.copyOf(created);
    }

    /** room-001@sim.contoso.com style addresses. */
    public static List<String> generatedAddresses(int count, String domain) {
        List<String> addresses = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String number = Integer.toString(i);
            addresses.add("room-" + "000".substring(Math.min(3, number.length())) + number + "@" + domain);
        }
        return addresses;
    }

    public Clock clock() {
        return clock;
    }

    public List<Mailbox> mailboxes() {
        return mailboxes;
    }

    public Optional<Mailbox> byAddress(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(byAddress.get(address.toLowerCase(Locale.ROOT)));
    }

    public Optional<Mailbox> byGuid(UUID guid) {
        return Optional.ofNullable(byGuid.get(guid));
    }

    /** A Graph user reference: the object id or the user principal name (SMTP address here). */
    public Optional<Mailbox> byUser(String idOrAddress) {
        if (idOrAddress == null) {
            return Optional.empty();
        }
        Mailbox mailbox = byObjectId.get(idOrAddress.toLowerCase(Locale.ROOT));
        return mailbox != null ? Optional.of(mailbox) : byAddress(idOrAddress);
    }

    /** Finds any entry by any id form. */
    public Optional<ItemView> find(String id) {
        return ItemIds.parse(id).flatMap(parsed -> byGuid(parsed.mailbox()).flatMap(m -> m.find(parsed)));
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The sequence number of the last change (0 before the first). */
    public long lastSequence() {
        return sequence.get();
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    Duration retention() {
        return retention;
    }

    void publish(Mailbox mailbox, List<JournalEntry> entries) {
        mailbox.journal().prune(clock.instant().minus(retention));
        for (Listener listener : listeners) {
            listener.changed(mailbox, entries);
        }
    }

    /**
     * A version-4-shaped UUID derived from seed, purpose and address (two salted 64-bit FNV-1a hashes,
     * mixed): the same on every run, and cheap enough for 100,000 mailboxes.
     */
    static UUID stableUuid(long seed, String purpose, String address) {
        long high = new java.util.SplittableRandom(fnv(seed, purpose + "/hi/" + address)).nextLong();
        long low = new java.util.SplittableRandom(fnv(~seed, purpose + "/lo/" + address)).nextLong();
        return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static long fnv(long seed, String text) {
        long hash = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static String displayName(String address) {
        String local = address.substring(0, Math.max(0, address.indexOf('@')));
        String[] words = local.replace('.', '-').split("-");
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return name.isEmpty() ? address : name.toString();
    }
}
