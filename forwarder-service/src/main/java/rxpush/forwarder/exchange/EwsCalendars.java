package rxpush.forwarder.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.enumeration.service.ServiceResult;
import microsoft.exchange.webservices.data.core.enumeration.service.calendar.AppointmentType;
import microsoft.exchange.webservices.data.core.response.GetItemResponse;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.item.Item;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.property.complex.RecurringAppointmentMasterId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.contract.Source;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;

/**
 * What the EWS reader remembers per mailbox: the calendar folder's id (an item elsewhere, e.g. in
 * Deleted Items after a MovedEvent, is no booking) and the series master of each recurring meeting
 * (by iCalendar UID, shared by a series' occurrences and exceptions). Each costs one request, once.
 */
final class EwsCalendars {

    private static final Logger log = LoggerFactory.getLogger(EwsCalendars.class);
    /** Stands for "the folder id cannot be learned": the folder check is then skipped. */
    private static final String UNKNOWN = "";

    private final EwsSessions sessions;
    private final ForwarderMetrics metrics;
    private final Map<String, String> calendarFolders = new ConcurrentHashMap<>();
    private final Map<String, String> masters = new ConcurrentHashMap<>();

    EwsCalendars(EwsSessions sessions, ForwarderMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** The calendar folder's EWS id (GetFolder once per mailbox); empty when Exchange will not say. */
    String folderId(String mailbox) {
        String known = calendarFolders.get(mailbox);
        if (known != null) {
            return known;
        }
        metrics.exchangeRequest(Source.EWS, "get-folder");
        String id = sessions.with(mailbox, service -> {
            try {
                return service.bindToFolder(new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox)),
                        PropertySet.IdOnly).getId().getUniqueId();
            } catch (Exception e) {
                RuntimeException failure = EwsErrors.of(e, mailbox, "GetFolder");
                if (!(failure instanceof PermanentFailure)) {
                    throw failure;
                }
                // Items can still be read; only a move out of the calendar goes unnoticed until a resync.
                log.warn("Cannot learn the calendar folder of {} ({}); items moved out of the calendar will not "
                        + "be recognised as deleted", mailbox, failure.getMessage());
                return UNKNOWN;
            }
        });
        calendarFolders.put(mailbox, id);
        return id;
    }

    boolean outsideCalendar(Item item, String calendarFolderId) {
        if (UNKNOWN.equals(calendarFolderId)) {
            return false;
        }
        try {
            FolderId parent = item.getParentFolderId();
            return parent != null && parent.getUniqueId() != null && !parent.getUniqueId().equals(calendarFolderId);
        } catch (Exception notLoaded) {
            return false;
        }
    }

    /** Item id -> series master item id for the occurrences and exceptions among {@code items}. */
    Map<String, String> seriesMasters(String mailbox, List<Appointment> items, int parallelism) {
        Map<String, String> result = new HashMap<>();
        Map<String, String> uidToOccurrence = new HashMap<>();
        Map<String, List<String>> itemsByUid = new HashMap<>();
        for (Appointment item : items) {
            try {
                AppointmentType type = item.getAppointmentType();
                if (type != AppointmentType.Occurrence && type != AppointmentType.Exception) {
                    continue;
                }
                String uid = mailbox + "/" + item.getICalUid();
                String itemId = item.getId().getUniqueId();
                itemsByUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(itemId);
                String master = masters.get(uid);
                if (master != null) {
                    result.put(itemId, master);
                } else {
                    uidToOccurrence.putIfAbsent(uid, itemId);
                }
            } catch (Exception notLoaded) {
                // Without type or UID it is treated as a single booking.
            }
        }
        if (uidToOccurrence.isEmpty()) {
            return result;
        }
        List<Map.Entry<String, String>> lookups = List.copyOf(uidToOccurrence.entrySet());
        Fanout.map(Fanout.chunks(lookups, EwsBookingSource.BATCH), parallelism, chunk -> lookUp(mailbox, chunk))
                .forEach(masters::putAll);
        uidToOccurrence.keySet().forEach(uid -> {
            String master = masters.get(uid);
            if (master != null) {
                itemsByUid.get(uid).forEach(itemId -> result.put(itemId, master));
            }
        });
        return result;
    }

    /** GetItem with RecurringMasterItemId for one occurrence per series: uid -> master id. */
    private Map<String, String> lookUp(String mailbox, List<Map.Entry<String, String>> uidAndOccurrence) {
        metrics.exchangeRequest(Source.EWS, "get-master");
        return sessions.with(mailbox, service -> {
            try {
                List<ItemId> ids = new ArrayList<>();
                for (Map.Entry<String, String> entry : uidAndOccurrence) {
                    ids.add(new RecurringAppointmentMasterId(entry.getValue()));
                }
                List<GetItemResponse> responses = new ArrayList<>();
                service.bindToItems(ids, PropertySet.IdOnly).forEach(responses::add);
                Map<String, String> found = new HashMap<>();
                for (int i = 0; i < responses.size(); i++) {
                    GetItemResponse response = responses.get(i);
                    if (response.getResult() != ServiceResult.Error) {
                        found.put(uidAndOccurrence.get(i).getKey(), response.getItem().getId().getUniqueId());
                    }
                }
                return found;
            } catch (Exception e) {
                throw EwsErrors.of(e, mailbox, "GetItem (series master)");
            }
        });
    }
}
