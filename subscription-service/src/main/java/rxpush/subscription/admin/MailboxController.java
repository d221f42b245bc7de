package rxpush.subscription.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.subscription.engine.MailboxStatus;
import rxpush.subscription.engine.SubscriptionEngine;
import rxpush.subscription.registry.MailboxRegistry;

/**
 * {@code /api/mailboxes}: the mailbox registry (any instance answers: each holds the whole registry)
 * and per-mailbox status and resync (answered by the instance that owns the mailbox; another
 * instance answers 409 naming the partition).
 */
@RestController
@RequestMapping("/api/mailboxes")
class MailboxController extends AdminErrors {

    /** The body of POST /api/mailboxes; {@code enabled} defaults to true. */
    record MailboxRequest(String address, Protocol protocol, Boolean enabled) {
    }

    private final MailboxRegistry registry;
    private final SubscriptionEngine engine;

    MailboxController(MailboxRegistry registry, SubscriptionEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    @GetMapping
    List<MailboxRegistration> list() {
        return List.copyOf(registry.view().all());
    }

    @PostMapping
    ResponseEntity<MailboxRegistration> put(@RequestBody MailboxRequest request) {
        if (request == null || request.address() == null || request.protocol() == null) {
            throw new IllegalArgumentException("address and protocol (EWS or GRAPH) are required");
        }
        boolean existed = registry.view().get(request.address().toLowerCase(Locale.ROOT)).isPresent();
        MailboxRegistration saved = registry.put(request.address(), request.protocol(),
                request.enabled() == null || request.enabled());
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(saved);
    }

    @GetMapping("/{address}")
    ResponseEntity<MailboxRegistration> get(@PathVariable String address) {
        return ResponseEntity.of(registry.view().get(address.toLowerCase(Locale.ROOT)));
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> remove(@PathVariable String address) {
        return registry.remove(address) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @GetMapping("/{address}/status")
    ResponseEntity<?> status(@PathVariable String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Optional<MailboxStatus> status = engine.status(key);
        if (status.isPresent()) {
            return ResponseEntity.ok(status.get());
        }
        return notHere(key);
    }

    @PostMapping("/{address}/resync")
    ResponseEntity<?> resync(@PathVariable String address) throws Exception {
        String key = address.toLowerCase(Locale.ROOT);
        var requested = engine.requestResync(key, "requested through the admin API");
        if (requested.isEmpty()) {
            return notHere(key);
        }
        try {
            requested.get().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("error", "the RESYNC record was not committed: " + e.getClass().getSimpleName()));
        }
        return ResponseEntity.accepted().body(Map.of("mailbox", key, "resync", "requested"));
    }

    /** 404 for an unknown mailbox, 409 for one this instance does not own. */
    private ResponseEntity<?> notHere(String address) {
        if (registry.view().get(address).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "mailbox " + address + " is not registered"));
        }
        int partition = rxpush.common.kafka.Partitions.forMailbox(address, Math.max(1, registry.view().partitionCount()));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of(
                "error", "mailbox " + address + " is owned by another instance (partition " + partition
                        + "); ask that instance, or kafka-consumer-groups --describe shows the owner",
                "partition", partition,
                "ownedHere", engine.ownedPartitions()));
    }
}
