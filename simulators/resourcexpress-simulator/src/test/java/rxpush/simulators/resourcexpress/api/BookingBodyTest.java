package rxpush.simulators.resourcexpress.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.bookings.ApiError;
import rxpush.simulators.resourcexpress.bookings.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BookingBodyTest {

    @Test
    void theGoldenContractBodyIsValid() {
        ObjectNode golden = Bookings.goldenTree();

        BookingUpdate update = BookingBody.toBooking(golden, "bk-example");

        assertThat(update.bookingId()).isEqualTo("bk-example");
        assertThat(update.attendees()).hasSize(1);
        assertThat(BookingRules.check(golden, "bk-example")).isEmpty();
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() {
        ObjectNode tree = Bookings.goldenTree();
        tree.putNull("iCalUid");
        tree.putNull("organizer");
        tree.putNull("attendees");
        tree.remove(List.of("subject", "timeZone", "location", "seriesMasterId"));

        assertThat(BookingRules.check(tree, "bk-example")).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "source|SMTP|must be one of",
        "sensitivity|normal|must be one of",
        "occurrenceType|1|must be one of",
        "lastModified|2026-11-25T08:59:12+01:00|ISO-8601 UTC",
        "start|2026-11-25 09:00:00Z|ISO-8601 UTC",
        "end|2026-13-25T09:00:00Z|ISO-8601 UTC",
        "mailbox|not-an-address|e-mail",
        "changeKey|'  '|must not be blank",
        "bookingId|bk-other|must equal the bookingId in the path"})
    void aBrokenFieldIsNamed(String field, String value, String message) {
        ObjectNode tree = Bookings.goldenTree();
        tree.put(field, value);

        assertThat(BookingRules.check(tree, "bk-example"))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo(field))
                .satisfies(v -> assertThat(v.message()).contains(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bookingId", "mailbox", "source", "itemId", "changeKey", "lastModified", "start", "end",
        "isAllDay", "isCancelled", "sensitivity", "occurrenceType"})
    void aRequiredFieldMustBePresentAndNotNull(String field) {
        ObjectNode absent = Bookings.goldenTree();
        absent.remove(field);
        ObjectNode nulled = Bookings.goldenTree();
        nulled.putNull(field);

        assertThat(BookingRules.check(absent, "bk-example")).extracting(ApiError.Violation::field).containsExactly(field);
        assertThat(BookingRules.check(nulled, "bk-example")).extracting(ApiError.Violation::field).containsExactly(field);
    }

    @Test
    void wrongTypesUnknownFieldsAndBadAttendeesAreAllListed() {
        ObjectNode tree = Bookings.goldenTree();
        tree.put("isAllDay", "false");
        tree.put("subject", 42);
        tree.put("schemaVersion", 1);
        tree.put("iCalUId", "graph spelling");
        tree.put("organizer", "ada@contoso.com");
        ObjectNode attendee = (ObjectNode) tree.get("attendees").get(0);
        attendee.put("type", "CHAIR");
        attendee.remove("response");
        attendee.put("status", "x");
        tree.put("end", "2026-11-26T08:00:00Z");

        assertThat(BookingRules.check(tree, "bk-example")).extracting(ApiError.Violation::field)
                .containsExactlyInAnyOrder("isAllDay", "subject", "schemaVersion", "iCalUId", "organizer",
                        "attendees[0].type", "attendees[0].response", "attendees[0].status", "end");
    }

    @Test
    void invalidBodiesAre422WithViolations() {
        ObjectNode tree = Bookings.goldenTree();
        tree.remove("itemId");

        assertThatThrownBy(() -> BookingBody.toBooking(tree, "bk-example"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(422);
                    assertThat(e.error().error()).isEqualTo("invalid_body");
                    assertThat(e.error().violations()).extracting(ApiError.Violation::field).containsExactly("itemId");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "\"text\"", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}"})
    void notOneJsonObjectIs400(String body) {
        assertThatThrownBy(() -> BookingBody.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().error()).isEqualTo("malformed_json");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bk 1", "bk/1", "bk?1", "bk%201", "ä"})
    void aPathIdMustBeUrlSafe(String id) {
        assertThatThrownBy(() -> BookingBody.checkId(id)).isInstanceOf(ApiException.class)
                .hasMessageContaining("invalid_booking_id");
    }

    @Test
    void aPathIdMayHave128CharactersButNotMore() {
        assertThat(BookingBody.checkId("a".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> BookingBody.checkId("a".repeat(129))).isInstanceOf(ApiException.class);
        assertThat(BookingBody.checkId("bk-AZaz09._~")).isNotNull();
    }

    @Test
    void theFingerprintIgnoresKeyOrderAndWhitespaceButNotContent() {
        JsonNode compact = BookingBody.parse("{\"a\":1,\"b\":{\"c\":[1,2],\"d\":null}}".getBytes(StandardCharsets.UTF_8));
        JsonNode spaced = BookingBody.parse("{ \"b\" : { \"d\":null, \"c\":[1,2] }, \"a\" : 1 }"
                .getBytes(StandardCharsets.UTF_8));
        JsonNode other = BookingBody.parse("{\"a\":1,\"b\":{\"c\":[2,1],\"d\":null}}".getBytes(StandardCharsets.UTF_8));

        String fingerprint = BookingBody.fingerprint("PUT", "bk", compact);
        assertThat(BookingBody.fingerprint("PUT", "bk", spaced)).isEqualTo(fingerprint);
        assertThat(BookingBody.fingerprint("PUT", "bk", other)).isNotEqualTo(fingerprint);
        assertThat(BookingBody.fingerprint("PUT", "bk2", compact)).isNotEqualTo(fingerprint);
        assertThat(BookingBody.fingerprint("DELETE", "bk", null)).isNotEqualTo(BookingBody.fingerprint("DELETE", "bk2", null));
    }
}
