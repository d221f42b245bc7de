package rxpush.simulators.resourcexpress.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TruthReaderTest {

    static final String ITEMS = "[{\"itemId\":\"AAMk1\",\"changeKey\":\"ck1\",\"lastModified\":\"2026-11-25T09:00:00Z\","
            + "\"cancelled\":false,\"sequence\":5,\"subject\":\"ignored\"},"
            + "{\"id\":\"AAMk2\",\"changeKey\":\"ck2\",\"lastModifiedDateTime\":\"2026-11-25T10:00:00+01:00\","
            + "\"isCancelled\":true}]";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"mailboxes\":[{\"mailbox\":\"room.1@contoso.com\",\"items\":" + ITEMS + "}]}",
        "{\"mailboxes\":{\"room.1@contoso.com\":" + ITEMS + "}}",
        "{\"mailboxes\":{\"room.1@contoso.com\":{\"items\":" + ITEMS + "}}}",
        "[{\"address\":\"room.1@contoso.com\",\"calendar\":" + ITEMS + "}]",
        "{\"room.1@contoso.com\":" + ITEMS + "}"})
    void everyAcceptedShapeReadsTheSame(String json) {
        Truth truth = Truth.parse(json);

        assertThat(truth.mailboxes()).singleElement().satisfies(m -> {
            assertThat(m.mailbox()).isEqualTo("room.1@contoso.com");
            assertThat(m.items()).containsExactly(
                    new TruthItem("AAMk1", "ck1", Instant.parse("2026-11-25T09:00:00Z"), false, 5L, null),
                    new TruthItem("AAMk2", "ck2", Instant.parse("2026-11-25T09:00:00Z"), true, null, null));
        });
    }

    @Test
    void deletedCountsAsCancelled() {
        Truth truth = Truth.parse("{\"r@c.com\":[{\"itemId\":\"x\",\"deleted\":true}]}");

        assertThat(truth.mailboxes().getFirst().items().getFirst().cancelled()).isTrue();
    }

    @Test
    void unreadableTruthSaysWhy() {
        assertThatThrownBy(() -> Truth.parse("{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Truth.parse("42")).hasMessageContaining("object or array");
        assertThatThrownBy(() -> Truth.parse("[{\"items\":[]}]")).hasMessageContaining("no mailbox address");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":{\"rooms\":[]}}")).hasMessageContaining("no item list");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":[{\"changeKey\":\"x\"}]}")).hasMessageContaining("no itemId");
        assertThatThrownBy(() -> Truth.parse("{\"r@c.com\":[{\"itemId\":\"x\",\"lastModified\":\"soon\"}]}"))
                .hasMessageContaining("unreadable lastModified");
    }
}
