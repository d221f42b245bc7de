package rxpush.simulators.resourcexpress.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.bookings.ApiError.Violation;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.databind.node.ObjectNode;

/** The contract amendment "Recurring series and the sync window": recurrence and seriesMasterId. */
class SeriesBodyTest {

    /** The amendment's own example recurrence. */
    static final String WEEKLY = """
            {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"]}, "range": {"type":
            "endDate", "startDate": "2026-12-07", "endDate": "2027-03-29", "recurrenceTimeZone": "W. Europe
            Standard Time"}}""".replace("\n", " ");

    static ObjectNode master(String recurrence) {
        ObjectNode tree = Bookings.goldenTree();
        tree.put("occurrenceType", "SERIES_MASTER");
        tree.putNull("seriesMasterId");
        if (recurrence != null) {
            tree.set("recurrence", SimJson.mapper().readTree(recurrence));
        }
        return tree;
    }

    @Test
    void aMasterWithTheAmendmentsExampleRecurrenceIsValid() {
        assertThat(BookingRules.check(master(WEEKLY), "bk-example")).isEmpty();
        assertThat(BookingBody.toBooking(master(WEEKLY), "bk-example").occurrenceType().name())
                .isEqualTo("SERIES_MASTER");
    }

    @Test
    void numberedNoEndAndMonthlyShapesAreValid() {
        assertThat(BookingRules.check(master("""
                {"pattern":{"type":"daily","interval":2},"range":{"type":"numbered","startDate":"2026-12-07",
                 "numberOfOccurrences":10}}"""), "bk-example")).isEmpty();
        assertThat(BookingRules.check(master("""
                {"pattern":{"type":"absoluteMonthly","interval":1,"dayOfMonth":15},
                 "range":{"type":"noEnd","startDate":"2026-12-15"}}"""), "bk-example")).isEmpty();
    }

    @Test
    void anOccurrenceNamesItsMasterAndCarriesNoRecurrence() {
        ObjectNode occurrence = Bookings.goldenTree();
        occurrence.put("occurrenceType", "OCCURRENCE");
        occurrence.put("seriesMasterId", "bk-master");
        assertThat(BookingRules.check(occurrence, "bk-example")).isEmpty();

        occurrence.set("recurrence", SimJson.mapper().readTree(WEEKLY));
        assertThat(BookingRules.check(occurrence, "bk-example")).extracting(Violation::field)
                .containsExactly("recurrence");

        occurrence.remove("recurrence");
        occurrence.put("seriesMasterId", "not a booking id!");
        assertThat(BookingRules.check(occurrence, "bk-example")).extracting(Violation::field)
                .containsExactly("seriesMasterId");
    }

    @Test
    void aSingleOrMasterNamesNoMaster() {
        ObjectNode single = Bookings.goldenTree();
        single.put("seriesMasterId", "bk-master");
        assertThat(BookingRules.check(single, "bk-example")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("must be null for a SINGLE"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"pattern\":{\"type\":\"hourly\",\"interval\":1},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.type",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":0},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.interval",
        "{\"pattern\":{\"type\":\"weekly\",\"interval\":1},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.daysOfWeek",
        "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"Monday\"]},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.daysOfWeek[0]",
        "{\"pattern\":{\"type\":\"absoluteMonthly\",\"interval\":1},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.dayOfMonth",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"endDate\",\"startDate\":\"2026-12-07\"}}|recurrence.range.endDate",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"endDate\",\"startDate\":\"2026-12-07\",\"endDate\":\"2026-12-01\"}}|recurrence.range.endDate",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"numbered\",\"startDate\":\"2026-12-07\"}}|recurrence.range.numberOfOccurrences",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"noEnd\",\"startDate\":\"7.12.2026\"}}|recurrence.range.startDate",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"forever\",\"startDate\":\"2026-12-07\"}}|recurrence.range.type",
        "{\"pattern\":{\"type\":\"daily\",\"interval\":1,\"every\":2},\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern.every",
        "{\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}|recurrence.pattern",
        "[1]|recurrence"})
    void aBrokenRecurrenceIsNamed(String recurrence, String field) {
        List<Violation> violations = BookingRules.check(master(recurrence), "bk-example");

        assertThat(violations).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void aMasterWithoutRecurrenceIsAcceptedForForwardersBeforeTheAmendment() {
        // verify in series mode reports it (SeriesVerifierTest); the PUT keeps older forwarders running
        assertThat(BookingRules.check(master(null), "bk-example")).isEmpty();
    }
}
