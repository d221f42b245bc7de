package rxpush.subscription.admin;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.Protocol;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.engine.SyncState;
import rxpush.subscription.ops.StatusPages;
import rxpush.subscription.ops.StatusQuery;

/**
 * The per-mailbox status page ({@code GET /status}, static HTML and JS, no build step) and its data:
 * {@code /api/mailbox-status} merges every instance's mailboxes (each owner answers for its own),
 * {@code /api/mailbox-status/local} is one instance's part, {@code /api/mailbox-status/{address}} one
 * mailbox from its owner. The page itself is a shell without data; everything it loads, and its one
 * action (resync a mailbox), is behind the admin API's bearer token ({@code AdminGuard}).
 */
@RestController
class MailboxStatusController extends AdminErrors {

    static final int MAX_LIMIT = 500;

    private final StatusPages pages;
    private final SubscriptionEngine engine;

    MailboxStatusController(StatusPages pages, SubscriptionEngine engine) {
        this.pages = pages;
        this.engine = engine;
    }

    @GetMapping(value = "/status", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> page() throws java.io.IOException {
        byte[] html = new ClassPathResource("rxpush/status/index.html").getContentAsByteArray();
        return ResponseEntity.ok().header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(html);
    }

    @GetMapping("/api/mailbox-status")
    StatusPages.Page mailboxes(@RequestParam(required = false) String state, @RequestParam(required = false) String protocol,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
        }
        return pages.page(query(state, protocol, q), offset, limit);
    }

    @GetMapping("/api/mailbox-status/local")
    StatusQuery.Part local(@RequestParam(required = false) String state, @RequestParam(required = false) String protocol,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "50") int first) {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0");
        }
        return pages.local(query(state, protocol, q), first);
    }

    @GetMapping("/api/mailbox-status/{address}")
    ResponseEntity<?> one(@PathVariable String address) {
        return pages.one(address).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(Map.of("error", "no instance owns " + address.toLowerCase(Locale.ROOT)
                        + " now (not registered, or its partition is being taken over)")));
    }

    @PostMapping("/api/mailbox-status/{address}/resync")
    ResponseEntity<?> resync(@PathVariable String address) throws Exception {
        String key = address.toLowerCase(Locale.ROOT);
        var requested = engine.requestResync(key, "requested on the status page");
        if (requested.isEmpty()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
                    "this instance does not own " + key + "; open the status page of its owner"));
        }
        requested.get().get(30, TimeUnit.SECONDS);
        return ResponseEntity.accepted().body(Map.of("mailbox", key, "resync", "requested"));
    }

    private static StatusQuery query(String state, String protocol, String q) {
        return new StatusQuery(parse(SyncState.class, state, "state"), parse(Protocol.class, protocol, "protocol"), q);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
