package rxpush.forwarder.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.response.GetItemResponse;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema;
import microsoft.exchange.webservices.data.core.service.schema.ItemSchema;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;
import rxpush.common.contract.Source;
import rxpush.common.exchange.EwsFailures;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.forwarder.failure.PermanentFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;

/**
 * Reads bookings from on-premises Exchange through EWS (ews-java-api): GetItem with up to 10 items
 * per request, at most {@code mailboxConcurrency} requests at once per mailbox, impersonating the
 * mailbox when configured. An item that is not found, or that left the calendar folder (moved to
 * Deleted Items), is gone. The series master of an occurrence or exception is looked up once per
 * series (GetItem with RecurringMasterItemId) and remembered.
 */
public final class EwsBookingSource implements BookingSource, AutoCloseable {

    /** Items per GetItem request. */
    static final int BATCH = 10;
    /** Items per FindItem (CalendarView) page. */
    static final int PAGE = 500;

    static final PropertySet ITEM = new PropertySet(BasePropertySet.IdOnly, ItemSchema.ItemClass,
            ItemSchema.ParentFolderId, ItemSchema.Subject, ItemSchema.Sensitivity, ItemSchema.LastModifiedTime,
            AppointmentSchema.ICalUid, AppointmentSchema.Start, AppointmentSchema.End, AppointmentSchema.StartTimeZone,
            AppointmentSchema.IsAllDayEvent, AppointmentSchema.IsCancelled, AppointmentSchema.Location,
            AppointmentSchema.AppointmentType, AppointmentSchema.Organizer, AppointmentSchema.RequiredAttendees,
            AppointmentSchema.OptionalAttendees, AppointmentSchema.Resources, AppointmentSchema.Recurrence);
    static final PropertySet LISTING = new PropertySet(BasePropertySet.IdOnly, ItemSchema.LastModifiedTime,
            AppointmentSchema.Start, AppointmentSchema.AppointmentType, AppointmentSchema.ICalUid);
    static final PropertySet UID = new PropertySet(BasePropertySet.IdOnly, AppointmentSchema.ICalUid);
    /** A CalendarView range EWS refuses to split further (it cannot be too big for EWS). */
    static final java.time.Duration SMALLEST_SPLIT = java.time.Duration.ofDays(1);

    private final EwsSessions sessions;
    private final EwsCalendars calendars;
    private final ForwarderMetrics metrics;
    private final int mailboxConcurrency;

    public EwsBookingSource(EwsServiceFactory factory, ForwarderMetrics metrics, int mailboxConcurrency, int maxIdle) {
        this.sessions = new EwsSessions(factory, maxIdle);
        this.metrics = metrics;
        this.mailboxConcurrency = mailboxConcurrency;
        this.calendars = new EwsCalendars(sessions, metrics);
    }

    @Override
    public Source protocol() {
        return Source.EWS;
    }

    @Override
    public Map<String, Fetched> fetch(String mailbox, List<String> itemIds) {
        String calendar = calendars.folderId(mailbox);
        List<List<String>> chunks = Fanout.chunks(itemIds, BATCH);
        List<Map<String, Object>> read = Fanout.map(chunks, mailboxConcurrency, chunk -> getItems(mailbox, chunk));
        Map<String, Object> all = new LinkedHashMap<>();
        read.forEach(all::putAll);
        Map<String, String> masters = calendars.seriesMasters(mailbox, all.values().stream()
                .filter(o -> o instanceof Appointment).map(o -> (Appointment) o).toList(), mailboxConcurrency);
        Map<String, Fetched> answer = new LinkedHashMap<>();
        for (String itemId : itemIds) {
            Object item = all.get(itemId);
            if (item instanceof Fetched fetched) {
                answer.put(itemId, fetched);
            } else if (item instanceof microsoft.exchange.webservices.data.core.service.item.Item ewsItem) {
                // A calendar item outside the calendar folder was moved away (Deleted Items): deleted.
                boolean movedAway = ewsItem instanceof Appointment && calendars.outsideCalendar(ewsItem, calendar);
                answer.put(itemId, movedAway ? Fetched.GONE : EwsMapper.map(mailbox, ewsItem, masters.get(itemId)));
            }
        }
        return answer;
    }

    /** One GetItem: per id either the EWS item or what its error means. */
    private Map<String, Object> getItems(String mailbox, List<String> itemIds) {
        metrics.exchangeRequest(Source.EWS, "get-item");
        return sessions.with(mailbox, service -> {
            try {
                List<ItemId> ids = new ArrayList<>();
                for (String id : itemIds) {
                    ids.add(new ItemId(id));
                }
                List<GetItemResponse> responses = new ArrayList<>();
                service.bindToItems(ids, ITEM).forEach(responses::add);
                Map<String, Object> result = new LinkedHashMap<>();
                for (int i = 0; i < itemIds.size(); i++) {
                    GetItemResponse response = responses.get(i);
                    result.put(itemIds.get(i), switch (response.getResult()) {
                        case Success, Warning -> response.getItem();
                        case Error -> EwsErrors.item(new microsoft.exchange.webservices.data.core.exception.service
                                .remote.ServiceResponseException(response), mailbox);
                    });
                }
                return result;
            } catch (Exception e) {
                throw EwsErrors.of(e, mailbox, "GetItem");
            }
        });
    }

    @Override
    public List<Listed> window(String mailbox, Instant from, Instant to) {
        return list(mailbox, from, to, null);
    }

    /** The window kept to the series' iCalendar UID, which its occurrences and exceptions share. */
    @Override
    public List<Listed> instances(String mailbox, String masterItemId, Instant from, Instant to) {
        String uid = uidOf(mailbox, masterItemId);
        return uid == null ? List.of() : list(mailbox, from, to, uid);
    }

    private List<Listed> list(String mailbox, Instant from, Instant to, String seriesUid) {
        List<Appointment> appointments = new ArrayList<>();
        viewSplitting(mailbox, from, to, appointments);
        Map<String, String> masters = calendars.seriesMasters(mailbox, appointments, mailboxConcurrency);
        Map<String, Listed> listed = new LinkedHashMap<>();
        for (Appointment appointment : appointments) {
            try {
                if (seriesUid != null && !seriesUid.equals(appointment.getICalUid())) {
                    continue;
                }
                ItemId id = appointment.getId();
                String version = id.getChangeKey() != null ? id.getChangeKey()
                        : appointment.getLastModifiedTime().toInstant().toString();
                listed.putIfAbsent(id.getUniqueId(), new Listed(id.getUniqueId(), version,
                        masters.get(id.getUniqueId()), null));
            } catch (Exception e) {
                throw EwsErrors.of(e, mailbox, "FindItem");
            }
        }
        return List.copyOf(listed.values());
    }

    /**
     * A CalendarView of the range; should EWS answer ErrorCalendarViewRangeTooBig (its limit is two
     * years, or lower where an administrator set it) each half is read on its own, down to a day,
     * instead of retrying the same refused range forever.
     */
    private void viewSplitting(String mailbox, Instant from, Instant to, List<Appointment> into) {
        try {
            view(mailbox, from, to, into);
        } catch (PermanentFailure failure) {
            if (!EwsFailures.isCalendarViewTooBig(failure)
                    || java.time.Duration.between(from, to).compareTo(SMALLEST_SPLIT) <= 0) {
                throw failure;
            }
            metrics.exchangeRequest(Source.EWS, "find-item-split");
            Instant middle = from.plus(java.time.Duration.between(from, to).dividedBy(2));
            viewSplitting(mailbox, from, middle, into);
            viewSplitting(mailbox, middle, to, into);
        }
    }

    private void view(String mailbox, Instant from, Instant to, List<Appointment> into) {
        Instant pageStart = from;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (true) {
            FindItemsResults<Appointment> page = findPage(mailbox, pageStart, to);
            Instant lastStart = pageStart;
            for (Appointment appointment : page.getItems()) {
                try {
                    if (seen.add(appointment.getId().getUniqueId())) {
                        into.add(appointment);
                    }
                    lastStart = appointment.getStart().toInstant();
                } catch (Exception e) {
                    throw EwsErrors.of(e, mailbox, "FindItem");
                }
            }
            // CalendarView has no paging offset: continue from the last start seen; ids seen twice are
            // dropped. A page of items that all start at the same instant cannot advance and ends it.
            if (!page.isMoreAvailable() || !lastStart.isAfter(pageStart)) {
                return;
            }
            pageStart = lastStart;
        }
    }

    /** The series' iCalendar UID (GetItem of the master), or null when the master is gone. */
    private String uidOf(String mailbox, String masterItemId) {
        metrics.exchangeRequest(Source.EWS, "get-item");
        return sessions.with(mailbox, service -> {
            try {
                List<GetItemResponse> responses = new ArrayList<>();
                service.bindToItems(List.of(new ItemId(masterItemId)), UID).forEach(responses::add);
                GetItemResponse response = responses.getFirst();
                if (response.getResult() == microsoft.exchange.webservices.data.core.enumeration.service.ServiceResult.Error) {
                    Fetched state = EwsErrors.item(new microsoft.exchange.webservices.data.core.exception.service
                            .remote.ServiceResponseException(response), mailbox);
                    if (state instanceof Fetched.Gone) {
                        return null;
                    }
                    throw ((Fetched.Unreadable) state).failure();
                }
                return response.getItem() instanceof Appointment series ? series.getICalUid() : null;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw EwsErrors.of(e, mailbox, "GetItem (series)");
            }
        });
    }

    private FindItemsResults<Appointment> findPage(String mailbox, Instant from, Instant to) {
        metrics.exchangeRequest(Source.EWS, "find-item");
        return sessions.with(mailbox, service -> {
            try {
                CalendarView view = new CalendarView(Date.from(from), Date.from(to), PAGE);
                view.setPropertySet(LISTING);
                return service.findAppointments(new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox)), view);
            } catch (Exception e) {
                throw EwsErrors.of(e, mailbox, "FindItem");
            }
        });
    }

    @Override
    public void close() {
        sessions.close();
    }
}
