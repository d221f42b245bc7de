package rxpush.forwarder.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rxpush.common.config.EwsSettings;
import rxpush.common.contract.BookingIds;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.BookingUpdate.AttendeeType;
import rxpush.common.contract.BookingUpdate.OccurrenceType;
import rxpush.common.contract.BookingUpdate.ResponseType;
import rxpush.common.contract.Source;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.common.kafka.FailureStage;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.failure.TransientFailure;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.testing.EwsStub;

/** The EWS reader against an EWS endpoint over HTTP, through ews-java-api. */
class EwsBookingSourceTest {

    private static final String MAILBOX = "room.101@contoso.com";
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    private static final String DETAILS = """
            <t:Subject>Weekly planning</t:Subject><t:Sensitivity>Private</t:Sensitivity>
            <t:IsAllDayEvent>false</t:IsAllDayEvent><t:Location>Room 101</t:Location><t:IsCancelled>false</t:IsCancelled>
            <t:Organizer><t:Mailbox><t:Name>Ada Lovelace</t:Name><t:EmailAddress>ada@contoso.com</t:EmailAddress>
              <t:RoutingType>SMTP</t:RoutingType></t:Mailbox></t:Organizer>
            <t:RequiredAttendees><t:Attendee><t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>bob@contoso.com</t:EmailAddress>
              </t:Mailbox><t:ResponseType>Accept</t:ResponseType></t:Attendee></t:RequiredAttendees>
            <t:OptionalAttendees><t:Attendee><t:Mailbox><t:Name>Eve</t:Name><t:EmailAddress>eve@contoso.com</t:EmailAddress>
              </t:Mailbox><t:ResponseType>Tentative</t:ResponseType></t:Attendee></t:OptionalAttendees>
            <t:Resources><t:Attendee><t:Mailbox><t:Name>Room 101</t:Name><t:EmailAddress>room.101@contoso.com</t:EmailAddress>
              </t:Mailbox><t:ResponseType>Accept</t:ResponseType></t:Attendee></t:Resources>
            <t:StartTimeZone Id="W. Europe Standard Time" Name="(UTC+01:00) Amsterdam, Berlin"/>""";

    private final EwsStub ews = new EwsStub();
    private final ForwarderMetrics metrics = new ForwarderMetrics(new SimpleMeterRegistry());
    private final EwsBookingSource source = new EwsBookingSource(new EwsServiceFactory(new EwsSettings(ews.url(), "svc",
            "pw", null, true, Duration.ofMinutes(5), Duration.ofMinutes(5)), Duration.ofSeconds(5)), metrics, 4, 8);

    @AfterEach
    void close() {
        source.close();
        ews.close();
    }

    private static EwsStub.Item item(String id, String type, String masterId) {
        return new EwsStub.Item(id, "ck-" + id, EwsStub.CALENDAR, "IPM.Appointment", type, "uid-" + (masterId == null ? id
                : masterId), START, START.plusSeconds(3600), Instant.parse("2026-11-25T08:59:12Z"), masterId, DETAILS);
    }

    @Test
    void mapsEveryFieldOfACalendarItem() {
        ews.put(item("AAMk-1", "Single", null));

        Fetched fetched = source.fetch(MAILBOX, List.of("AAMk-1")).get("AAMk-1");

        assertThat(fetched).isInstanceOfSatisfying(Fetched.Found.class, found -> {
            BookingUpdate b = found.booking();
            assertThat(found.version()).isEqualTo("ck-AAMk-1");
            assertThat(b.bookingId()).isEqualTo(BookingIds.bookingId(MAILBOX, "AAMk-1"));
            assertThat(b.source()).isEqualTo(Source.EWS);
            assertThat(b.mailbox()).isEqualTo(MAILBOX);
            assertThat(b.iCalUid()).isEqualTo("uid-AAMk-1");
            assertThat(b.changeKey()).isEqualTo("ck-AAMk-1");
            assertThat(b.lastModified()).isEqualTo(Instant.parse("2026-11-25T08:59:12Z"));
            assertThat(b.subject()).isEqualTo("Weekly planning");
            assertThat(b.organizer()).isEqualTo(new BookingUpdate.Person("Ada Lovelace", "ada@contoso.com"));
            assertThat(b.start()).isEqualTo(START);
            assertThat(b.end()).isEqualTo(START.plusSeconds(3600));
            assertThat(b.timeZone()).isEqualTo("W. Europe Standard Time");
            assertThat(b.isAllDay()).isFalse();
            assertThat(b.isCancelled()).isFalse();
            assertThat(b.location()).isEqualTo("Room 101");
            assertThat(b.sensitivity()).isEqualTo(BookingUpdate.Sensitivity.PRIVATE);
            assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.SINGLE);
            assertThat(b.seriesMasterId()).isNull();
            assertThat(b.attendees()).containsExactly(
                    new BookingUpdate.Attendee("bob@contoso.com", "Bob", AttendeeType.REQUIRED, ResponseType.ACCEPTED),
                    new BookingUpdate.Attendee("eve@contoso.com", "Eve", AttendeeType.OPTIONAL, ResponseType.TENTATIVE),
                    new BookingUpdate.Attendee("room.101@contoso.com", "Room 101", AttendeeType.RESOURCE,
                            ResponseType.ACCEPTED));
        });
        assertThat(ews.bodies()).allSatisfy(body -> assertThat(body).contains("ExchangeImpersonation").contains(MAILBOX));
    }

    @Test
    void getsUpToTenItemsPerRequestAndTheCalendarFolderOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ews.put(item("AAMk-" + i, "Single", null));
            ids.add("AAMk-" + i);
        }

        Map<String, Fetched> first = source.fetch(MAILBOX, ids);
        source.fetch(MAILBOX, ids.subList(0, 3));

        assertThat(first).hasSize(23).allSatisfy((id, f) -> assertThat(f).isInstanceOf(Fetched.Found.class));
        assertThat(ews.operations()).containsExactlyInAnyOrder("GetFolder", "GetItem", "GetItem", "GetItem", "GetItem");
        assertThat(metrics.exchangeRequestsTotal()).isEqualTo(5);
    }

    @Test
    void atMostFourRequestsRunAtOnceForAMailbox() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ews.put(item("AAMk-" + i, "Single", null));
            ids.add("AAMk-" + i);
        }
        source.fetch(MAILBOX, List.of("AAMk-0"));
        ews.holdUntilConcurrent(8);

        source.fetch(MAILBOX, ids);

        assertThat(ews.maxConcurrent()).isEqualTo(4);
    }

    @Test
    void missingItemsAndItemsOutsideTheCalendarAreGoneFreeBusyDataIsNoise() {
        ews.put(new EwsStub.Item("moved", "ck", EwsStub.DELETED_ITEMS, "IPM.Appointment", "Single", "u", START,
                START.plusSeconds(60), START, null, DETAILS));
        ews.put(new EwsStub.Item("fb", "ck", "freebusy-folder", "IPM.SchedulePlus.FreeBusy.BinaryData", null, null, null,
                null, START, null, null));

        Map<String, Fetched> fetched = source.fetch(MAILBOX, List.of("gone", "moved", "fb"));

        assertThat(fetched.get("gone")).isInstanceOf(Fetched.Gone.class);
        assertThat(fetched.get("moved")).isInstanceOf(Fetched.Gone.class);
        assertThat(fetched.get("fb")).isEqualTo(new Fetched.Noise("IPM.SchedulePlus.FreeBusy.BinaryData"));
    }

    @Test
    void occurrencesAndExceptionsNameTheirSeriesMasterFoundOncePerSeries() {
        ews.put(item("master", "RecurringMaster", null));
        ews.put(item("occ-1", "Occurrence", "master"));
        ews.put(item("exc-2", "Exception", "master"));

        Map<String, Fetched> fetched = source.fetch(MAILBOX, List.of("master", "occ-1", "exc-2"));
        source.fetch(MAILBOX, List.of("occ-1"));

        String masterBooking = BookingIds.bookingId(MAILBOX, "master");
        assertThat(((Fetched.Found) fetched.get("master")).booking()).satisfies(b -> {
            assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.SERIES_MASTER);
            assertThat(b.recurrence()).isEqualTo(new BookingUpdate.Recurrence(
                    new BookingUpdate.Recurrence.Pattern("weekly", 1, null, null, List.of("monday"), null, null),
                    new BookingUpdate.Recurrence.Range("endDate", "2026-12-07", "2027-02-08", null,
                            "W. Europe Standard Time")));
        });
        assertThat(((Fetched.Found) fetched.get("occ-1")).booking().recurrence()).isNull();
        assertThat(((Fetched.Found) fetched.get("occ-1")).booking()).satisfies(b -> {
            assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.OCCURRENCE);
            assertThat(b.seriesMasterId()).isEqualTo(masterBooking);
        });
        assertThat(((Fetched.Found) fetched.get("exc-2")).booking()).satisfies(b -> {
            assertThat(b.occurrenceType()).isEqualTo(OccurrenceType.EXCEPTION);
            assertThat(b.seriesMasterId()).isEqualTo(masterBooking);
        });
        assertThat(ews.bodies()).filteredOn(body -> body.contains("RecurringMasterItemId")).hasSize(1);
    }

    @Test
    void propertiesExchangeLeavesOutForLackOfAValueAreOptional() {
        ews.put(new EwsStub.Item("sparse", "ck", EwsStub.CALENDAR, "IPM.Appointment", "Single", null, START,
                START.plusSeconds(60), START, null, null));

        assertThat(source.fetch(MAILBOX, List.of("sparse")).get("sparse")).isInstanceOfSatisfying(Fetched.Found.class,
                found -> {
                    assertThat(found.booking().subject()).isNull();
                    assertThat(found.booking().location()).isNull();
                    assertThat(found.booking().attendees()).isEmpty();
                    assertThat(found.booking().sensitivity()).isEqualTo(BookingUpdate.Sensitivity.NORMAL);
                });
    }

    @Test
    void anItemWithoutStartCannotBeMapped() {
        ews.put(new EwsStub.Item("broken", "ck", EwsStub.CALENDAR, "IPM.Appointment", "Single", "u", null,
                START, START, null, DETAILS));

        assertThat(source.fetch(MAILBOX, List.of("broken")).get("broken")).isInstanceOfSatisfying(Fetched.Unreadable.class,
                u -> {
                    assertThat(u.failure().stage()).isEqualTo(FailureStage.MAP);
                    assertThat(u.failure().getMessage()).contains("Start is missing");
                });
    }

    @Test
    void serverBusyIsTransientWithExchangesBackOff() {
        source.fetch(MAILBOX, List.of("warm-up"));
        ews.failWith(EwsStub.getItemError("ErrorServerBusy",
                "<m:MessageXml><t:Value Name=\"BackOffMilliseconds\">2500</t:Value></m:MessageXml>"));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(TransientFailure.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(2500)));
    }

    @Test
    void impersonationRefusedForTheMailboxParksThatMailboxOnly() {
        source.fetch(MAILBOX, List.of("warm-up"));
        ews.failWith(EwsStub.getItemError("ErrorImpersonateUserDenied", ""));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOfSatisfying(
                rxpush.forwarder.failure.MailboxRefused.class, e -> {
                    assertThat(e.mailbox()).isEqualTo(MAILBOX);
                    assertThat(e.getMessage()).contains("ErrorImpersonateUserDenied").contains("ApplicationImpersonation")
                            .doesNotContain("pw");
                });
    }

    @Test
    void refusedImpersonationOnTheFirstRequestParksTheMailboxToo() {
        ews.failWith(EwsStub.envelope("<m:GetFolderResponse " + EwsStub.NS + "><m:ResponseMessages>"
                + EwsStub.errorMessage("GetFolder", "ErrorImpersonateUserDenied", "")
                + "</m:ResponseMessages></m:GetFolderResponse>"));

        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x")))
                .isInstanceOf(rxpush.forwarder.failure.MailboxRefused.class);
    }

    @Test
    void anUnreachableServerIsTransient() {
        ews.close();
        assertThatThrownBy(() -> source.fetch(MAILBOX, List.of("x"))).isInstanceOf(TransientFailure.class);
    }

    @Test
    void theCalendarWindowListsIdsAndVersionsAndTheSeriesMasterOfEachOccurrence() {
        ews.put(item("a", "Single", null));
        ews.put(item("m", "RecurringMaster", null));
        ews.put(item("occ", "Occurrence", "m"));

        List<Listed> listed = source.window(MAILBOX, START.minusSeconds(86_400), START.plusSeconds(86_400));

        assertThat(listed).extracting(Listed::itemId, Listed::version, Listed::seriesMasterItemId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "ck-a", null),
                        org.assertj.core.groups.Tuple.tuple("occ", "ck-occ", "m"));
        assertThat(ews.operations()).containsExactly("FindItem", "GetItem");
    }

    @Test
    void theInstancesOfASeriesAreTheWindowKeptToItsUid() {
        ews.put(item("a", "Single", null));
        ews.put(item("m", "RecurringMaster", null));
        ews.put(item("occ-1", "Occurrence", "m"));
        ews.put(item("exc-2", "Exception", "m"));
        ews.put(item("other", "Occurrence", "m2"));

        List<Listed> listed = source.instances(MAILBOX, "m", START.minusSeconds(86_400), START.plusSeconds(86_400));

        assertThat(listed).extracting(Listed::itemId).containsExactlyInAnyOrder("occ-1", "exc-2");
        assertThat(listed).extracting(Listed::seriesMasterItemId).containsOnly("m");
        assertThat(source.instances(MAILBOX, "no-such-master", START.minusSeconds(86_400), START.plusSeconds(86_400)))
                .isEmpty();
    }

    @Test
    void anOccurrenceRemovedFromItsSeriesOrPastItsEndIsGone() {
        ews.failItem("cancelled", "ErrorCalendarOccurrenceIsDeletedFromRecurrence");
        ews.failItem("past-end", "ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange");

        Map<String, Fetched> fetched = source.fetch(MAILBOX, List.of("cancelled", "past-end"));

        assertThat(fetched.get("cancelled")).isInstanceOf(Fetched.Gone.class);
        assertThat(fetched.get("past-end")).isInstanceOf(Fetched.Gone.class);
    }

    @Test
    void aCalendarViewExchangeFindsTooBigIsSplitNotRetried() {
        ews.put(item("a", "Single", null));
        ews.maxCalendarView(Duration.ofDays(200));

        List<Listed> listed = source.window(MAILBOX, START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(365)));

        assertThat(listed).extracting(Listed::itemId).containsExactly("a");
        // 366 days refused, both halves of 183 days answered.
        assertThat(ews.views()).hasSize(3);
    }

    @Test
    void aCalendarViewRefusedEvenForADayIsPermanent() {
        ews.maxCalendarView(Duration.ofHours(1));

        assertThatThrownBy(() -> source.window(MAILBOX, START, START.plus(Duration.ofDays(4))))
                .isInstanceOf(rxpush.forwarder.failure.PermanentFailure.class);
        assertThat(ews.views()).hasSizeLessThan(16);
    }
}
