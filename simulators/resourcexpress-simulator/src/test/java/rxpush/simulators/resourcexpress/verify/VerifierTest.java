package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rxpush.common.contract.BookingIds;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.bookings.BookingVersion;
import rxpush.simulators.resourcexpress.bookings.StoredBooking;

class VerifierTest {

    static final String ROOM = "room.101@contoso.com";
    static final Instant T1 = Instant.parse("2026-11-25T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static String id(String itemId) {
        return BookingIds.bookingId(ROOM, itemId);
    }

    static StoredBooking held(String itemId, String changeKey, Instant lastModified) {
        return new StoredBooking(id(itemId), Bookings.update(ROOM, itemId, id(itemId), changeKey, lastModified), NOW, "k");
    }

    static Truth truth(TruthItem... items) {
        return new Truth(List.of(new TruthMailbox(ROOM, List.of(items))));
    }

    static VerifyReport verify(Truth truth, List<StoredBooking> rx) {
        Map<BookingVersion, Integer> once = rx.stream().collect(
                java.util.stream.Collectors.toMap(StoredBooking::version, b -> 1));
        return Verifier.verify(truth, rx, once, NOW);
    }

    @Test
    void rxMatchingExchangeIsOk() {
        VerifyReport report = verify(truth(new TruthItem("a", "ck1", T1, false), new TruthItem("gone", "ck", T1, true)),
                List.of(held("a", "ck1", T1)));

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.truthBookings()).isEqualTo(1);
        assertThat(report.rxBookings()).isEqualTo(1);
        assertThat(report.checkedAt()).isEqualTo(NOW);
    }

    @Test
    void aBookingExchangeHasAndRxLacksIsMissing() {
        VerifyReport report = verify(truth(new TruthItem("a", List.of(), "ck1", T1, false, 17L, null)), List.of());

        assertThat(report.ok()).isFalse();
        assertThat(report.missing()).singleElement().satisfies(f -> {
            assertThat(f.bookingId()).isEqualTo(id("a"));
            assertThat(f.mailbox()).isEqualTo(ROOM);
            assertThat(f.itemId()).isEqualTo("a");
            assertThat(f.truth().sequence()).isEqualTo(17L);
        });
    }

    @Test
    void anOlderOrDifferentlyKeyedVersionIsStale() {
        VerifyReport report = verify(
                truth(new TruthItem("old", "ck2", T2, false), new TruthItem("same-time", "ck2", T1, false),
                        new TruthItem("newer", "ck1", T1, false)),
                List.of(held("old", "ck1", T1), held("same-time", "ck1", T1), held("newer", "ck2", T2)));

        assertThat(report.stale()).extracting(Finding::itemId, Finding::detail).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("old", "RX holds an older lastModified"),
                org.assertj.core.groups.Tuple.tuple("same-time", "same lastModified, another changeKey"),
                org.assertj.core.groups.Tuple.tuple("newer", "RX holds a newer lastModified than Exchange"));
        assertThat(report.stale().getFirst().rx()).isNotNull();
        assertThat(report.missing()).isEmpty();
    }

    @Test
    void theSameChangeKeyIsTheSameVersionWhateverTheTimestampPrecision() {
        // EWS reports LastModifiedTime in whole seconds; the truth keeps the milliseconds.
        Instant precise = Instant.parse("2026-11-25T09:00:00.734Z");
        VerifyReport report = verify(truth(new TruthItem("a", "ck1", precise, false)), List.of(held("a", "ck1", T1)));
        assertThat(report.ok()).as(report.summary()).isTrue();
    }

    @Test
    void anotherChangeKeyWithinTheSameSecondIsStale() {
        Instant precise = Instant.parse("2026-11-25T09:00:00.734Z");
        VerifyReport report = verify(truth(new TruthItem("a", "ck2", precise, false)), List.of(held("a", "ck1", T1)));
        assertThat(report.stale()).singleElement().satisfies(f -> assertThat(f.detail()).isEqualTo("same lastModified, another changeKey"));
    }

    @Test
    void cancelledUnknownAndMisnamedBookingsAreExtra() {
        StoredBooking misnamed = new StoredBooking("bk-custom",
                Bookings.update(ROOM, "b", "bk-custom", "ck1", T1), NOW, "k");

        VerifyReport report = verify(truth(new TruthItem("a", "ck1", T1, true), new TruthItem("b", "ck1", T1, false)),
                List.of(held("a", "ck1", T1), held("x", "ck1", T1), misnamed));

        assertThat(report.extra()).extracting(Finding::itemId, Finding::detail).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", "cancelled or deleted in Exchange, still held by RX"),
                org.assertj.core.groups.Tuple.tuple("x", "unknown to Exchange"),
                org.assertj.core.groups.Tuple.tuple("b",
                        "held under a bookingId that is not BookingIds.bookingId(mailbox, itemId)"));
        assertThat(report.missing()).extracting(Finding::itemId).containsExactly("b");
    }

    @Test
    void aVersionAppliedTwiceIsDuplicateApplied() {
        StoredBooking a = held("a", "ck1", T1);
        Map<BookingVersion, Integer> counts = Map.of(a.version(), 2,
                new BookingVersion(id("a"), "ck0", T1.minusSeconds(60)), 1);

        VerifyReport report = Verifier.verify(truth(new TruthItem("a", "ck1", T1, false)), List.of(a), counts, NOW);

        assertThat(report.ok()).isFalse();
        assertThat(report.duplicateApplied()).singleElement().satisfies(f -> {
            assertThat(f.bookingId()).isEqualTo(id("a"));
            assertThat(f.itemId()).isEqualTo("a");
            assertThat(f.timesApplied()).isEqualTo(2);
            assertThat(f.rx().changeKey()).isEqualTo("ck1");
        });
    }

    @Test
    void aTruthThatNamesTheBookingIdIsUsedAsIs() {
        VerifyReport report = verify(truth(new TruthItem("a", List.of(), "ck1", T1, false, null, "bk-given")), List.of());

        assertThat(report.missing()).extracting(Finding::bookingId).containsExactly("bk-given");
    }

    @Test
    void anItemMayBeHeldUnderAnyOfItsIdsButOnlyOnce() {
        TruthItem twoIds = new TruthItem("ews-a", List.of("immutable-a"), "ck1", T1, false, null, null);

        assertThat(verify(truth(twoIds), List.of(held("immutable-a", "ck1", T1))).ok()).isTrue();
        VerifyReport both = verify(truth(twoIds), List.of(held("ews-a", "ck1", T1), held("immutable-a", "ck1", T1)));
        assertThat(both.extra()).singleElement().satisfies(f -> {
            assertThat(f.bookingId()).isEqualTo(id("immutable-a"));
            assertThat(f.detail()).contains("second booking for the same Exchange item");
        });
    }

    @Test
    void occurrencesAreOptionalUnlessRequiredButMustBeCurrentWhenHeld() {
        Truth truth = new Truth(List.of(new TruthMailbox(ROOM, List.of(new TruthItem("master", "ck1", T1, false)),
                List.of(new TruthItem("occ-1", "ck1", T1, false), new TruthItem("occ-2", "ck2", T2, false)))));
        List<StoredBooking> rx = List.of(held("master", "ck1", T1), held("occ-2", "ck1", T1));
        Map<BookingVersion, Integer> once = Map.of();

        VerifyReport lenient = Verifier.verify(truth, rx, once, NOW);
        VerifyReport strict = Verifier.verify(truth, rx, once, NOW, new VerifyOptions(true));

        assertThat(lenient.missing()).isEmpty();
        assertThat(lenient.extra()).isEmpty();
        assertThat(lenient.stale()).extracting(Finding::itemId).containsExactly("occ-2");
        assertThat(lenient.truthBookings()).isEqualTo(1);
        assertThat(strict.missing()).extracting(Finding::itemId).containsExactly("occ-1");
        assertThat(strict.truthBookings()).isEqualTo(3);
    }

    @Test
    void aTombstoneDoesNotOverrideALiveItemSharingAnId() {
        // Moved within the mailbox: the EWS id changed, the immutable id did not.
        Truth truth = truth(new TruthItem("ews-new", List.of("imm"), "ck2", T2, false, null, null),
                new TruthItem("ews-old", List.of("imm"), null, null, true, null, null));

        assertThat(verify(truth, List.of(held("imm", "ck2", T2))).ok()).isTrue();
        assertThat(verify(truth, List.of(held("ews-old", "ck1", T1))).extra()).extracting(Finding::detail)
                .containsExactly("cancelled or deleted in Exchange, still held by RX");
    }
}
