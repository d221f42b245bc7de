package rxpush.simulators.exchange.ews;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.ItemIds;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.control.Stats;

/**
 * Subscribe with a PushSubscriptionRequest: folder ids of one mailbox, event types, an optional
 * watermark to resume from (ErrorInvalidWatermark when unknown or older than the configured
 * maximum age), StatusFrequency 1-1440 minutes and the listener URL. Pull and streaming
 * subscriptions are refused (only push is simulated).
 */
final class SubscribeOperation implements EwsOperation {

    private final EwsPush push;
    private final Folders folders;
    private final EwsAccess access;
    private final Stats stats;
    private final int maxPerCaller;
    private final Duration watermarkMaxAge;

    SubscribeOperation(EwsPush push, Folders folders, EwsAccess access, Stats stats, int maxPerCaller,
                       Duration watermarkMaxAge) {
        this.push = push;
        this.folders = folders;
        this.access = access;
        this.stats = stats;
        this.maxPerCaller = maxPerCaller;
        this.watermarkMaxAge = watermarkMaxAge;
    }

    @Override
    public String name() {
        return "Subscribe";
    }

    @Override
    public Result handle(Element request, EwsCaller caller) {
        PushSubscription[] created = new PushSubscription[1];
        String body = EwsOperation.responses(name(), List.of(xml -> {
            PushSubscription subscription = subscribe(request, caller);
            created[0] = subscription;
            xml.element("m:SubscriptionId", subscription.id);
            xml.element("m:Watermark", subscription.lastWatermark);
        }));
        if (created[0] == null) {
            stats.increment("ews.Subscribe.errors");
            return Result.of(body);
        }
        // Scheduled before the answer is written (so the clock cannot pass it), sent after it.
        return new Result(body, push.start(created[0]));
    }

    private PushSubscription subscribe(Element request, EwsCaller caller) {
        Element push = SecureXml.child(request, Soap.MESSAGES_NS, "PushSubscriptionRequest");
        if (push == null) {
            throw new EwsError("ErrorInvalidSubscriptionRequest",
                    "Only push subscriptions (PushSubscriptionRequest) are available on this server.");
        }
        boolean allFolders = "true".equalsIgnoreCase(SecureXml.attribute(push, "SubscribeToAllFolders"));
        List<Folders.Resolved> resolved = new ArrayList<>();
        for (Element folderId : SecureXml.children(SecureXml.child(push, Soap.TYPES_NS, "FolderIds"))) {
            resolved.add(folders.resolve(folderId, caller));
        }
        Mailbox mailbox;
        if (resolved.isEmpty()) {
            if (!allFolders) {
                throw EwsFault.schema("FolderIds is required unless SubscribeToAllFolders is true");
            }
            mailbox = access.mailboxFor(caller, null);
        } else {
            mailbox = resolved.getFirst().mailbox();
            if (resolved.stream().anyMatch(f -> f.mailbox() != mailbox)) {
                throw new EwsError("ErrorInvalidSubscriptionRequest",
                        "All folders in a subscription must belong to the same mailbox.");
            }
        }
        Set<String> eventTypes = eventTypes(push);
        Duration statusFrequency = statusFrequency(push);
        URI url = url(SecureXml.childText(push, Soap.TYPES_NS, "URL"));
        access.checkSubscribe(caller, mailbox);
        long start = mailbox.journal().head();
        String watermarkText = SecureXml.childText(push, Soap.TYPES_NS, "Watermark");
        String startWatermark;
        if (watermarkText != null && !watermarkText.isEmpty()) {
            start = resume(mailbox, watermarkText);
            startWatermark = watermarkText;
        } else {
            startWatermark = null;
        }
        Set<String> folderIds = new LinkedHashSet<>();
        resolved.forEach(f -> folderIds.add(f.id()));
        PushSubscription subscription = this.push.register(new PushSubscription.Builder(mailbox, caller.budgetKey(),
                url, eventTypes, Set.copyOf(folderIds), allFolders, statusFrequency,
                caller.version() != null ? caller.version() : "Exchange2007_SP1", start, startWatermark),
                maxPerCaller);
        if (subscription.lastWatermark == null) {
            synchronized (subscription) {
                subscription.lastWatermark = ItemIds.watermark(mailbox.guid(), start, subscription.created);
            }
        }
        stats.increment("ews.Subscribe.ok");
        return subscription;
    }

    private long resume(Mailbox mailbox, String watermark) {
        ItemIds.Position position = ItemIds.parseWatermark(watermark).orElse(null);
        Instant oldest = push.now().minus(watermarkMaxAge);
        if (position == null || !position.mailbox().equals(mailbox.guid()) || position.issuedAt().isBefore(oldest)
                || !mailbox.journal().canResumeFrom(position.position())) {
            stats.increment("ews.Subscribe.invalidWatermark");
            throw new EwsError("ErrorInvalidWatermark", "The watermark used for creating this subscription was not"
                    + " found.");
        }
        return position.position();
    }

    private static Set<String> eventTypes(Element push) {
        Set<String> types = new LinkedHashSet<>();
        for (Element type : SecureXml.children(SecureXml.child(push, Soap.TYPES_NS, "EventTypes"))) {
            String name = SecureXml.text(type);
            if (!EwsPush.knownEventTypes().contains(name)) {
                throw EwsFault.schema("unknown EventType " + name);
            }
            types.add(name);
        }
        if (types.isEmpty()) {
            throw EwsFault.schema("EventTypes needs at least one EventType");
        }
        return Set.copyOf(types);
    }

    private static Duration statusFrequency(Element push) {
        String text = SecureXml.childText(push, Soap.TYPES_NS, "StatusFrequency");
        if (text == null) {
            return Duration.ofMinutes(30);
        }
        try {
            int minutes = Integer.parseInt(text);
            if (minutes >= 1 && minutes <= 1440) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EwsFault.schema("StatusFrequency must be an integer between 1 and 1440");
    }

    private static URI url(String text) {
        try {
            URI uri = text == null ? null : new URI(text);
            if (uri != null && uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new EwsError("ErrorInvalidPushSubscriptionUrl", "Invalid Push Subscription Url.");
    }
}
