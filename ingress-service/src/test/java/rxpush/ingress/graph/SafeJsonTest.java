package rxpush.ingress.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import rxpush.ingress.http.MalformedNotificationException;
import rxpush.ingress.testing.Fixtures;
import rxpush.ingress.testing.HostileBodies;

@Timeout(10)
class SafeJsonTest {

    @Test
    void readsEveryGraphFixture() throws Exception {
        for (String fixture : new String[] {"capture-group-calendar-event-created.json", "capture-group-calendar-event-deleted.json",
                "capture-group-calendar-event-updated.json", "msdocs-eventhubs-validation-message.json",
                "msdocs-lifecycle-missed.json", "msdocs-lifecycle-reauthorizationRequired.json",
                "msdocs-webhook-basic-created-message.json"}) {
            assertThat(SafeJson.parse(Fixtures.bytes("graph/" + fixture)).get("value").isArray()).as(fixture).isTrue();
        }
    }

    @Test
    void refusesHostileJson() {
        for (String body : new String[] {"", " ", "{", "{\"value\":[}", "<?xml version=\"1.0\"?><x/>",
                "{\"value\":[]} trailing", "{\"value\":[],\"value\":[]}", HostileBodies.deepJson(SafeJson.MAX_DEPTH + 1),
                "{\"value\":[\"" + "a".repeat(SafeJson.MAX_STRING + 1) + "\"]}",
                "{\"value\":[1" + "0".repeat(SafeJson.MAX_NUMBER + 1) + "]}",
                "{\"" + "k".repeat(SafeJson.MAX_NAME + 1) + "\":1}"}) {
            assertThatThrownBy(() -> SafeJson.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body.length() > 100 ? body.substring(0, 100) : body)
                    .isInstanceOf(MalformedNotificationException.class);
        }
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        assertThatThrownBy(() -> SafeJson.parse("{\"clientState\":\"s3cr3t\" x}".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
