package rxpush.subscription.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.Protocol;
import rxpush.subscription.OpsSettings;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.engine.SyncState;
import rxpush.subscription.ops.StatusPages;
import rxpush.subscription.ops.StatusQuery;

/**
 * The per-mailbox status page ({@code GET /status}, static HTML and JS, no build step) and its data:
 * {@code /api/mailbox-status} merges every instance's mailboxes (each owner answers for its own),
 * {@code /api/mailbox-status/local} is one instance's part, {@code /api/mailbox-status/{address}} one
 * mailbox from its owner. Read-only unless {@code rxpush.ops.admin-token} is set; then a resync may be
 * asked for with that token in {@code X-Admin-Token}.
 */
@RestController
class MailboxStatusController extends AdminErrors {

    static final int MAX_LIMIT = 500;

    private final StatusPages pages;
    private final SubscriptionEngine engine;
    private final OpsSettings ops;

    MailboxStatusController(StatusPages pages, SubscriptionEngine engine, OpsSettings ops) {
        this.pages = pages;
        this.engine = engine;
        this.ops = ops;
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
    ResponseEntity<?> resync(@PathVariable String address,
            @RequestHeader(name = "X-Admin-Token", required = false) String token) throws Exception {
        if (!ops.actionsEnabled()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Map.of("error", "the status page is read-only: set rxpush.ops.admin-token to allow actions"));
        }
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                ops.adminToken().getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "wrong or missing X-Admin-Token"));
        }
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
