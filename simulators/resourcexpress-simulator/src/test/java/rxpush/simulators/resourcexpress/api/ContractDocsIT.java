package rxpush.simulators.resourcexpress.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import rxpush.common.contract.BookingUpdate;
import rxpush.common.contract.Source;
import rxpush.simulators.resourcexpress.Bookings;
import rxpush.simulators.resourcexpress.RxSimulatorProperties;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import rxpush.simulators.resourcexpress.faults.FaultSettings;
import tools.jackson.databind.node.ObjectNode;

/**
 * The docs say what the simulator does: the OpenAPI file's body schema matches the rules the
 * simulator enforces, the push-API doc's example is a valid body, and the simulator doc names
 * every setting and fault switch.
 */
class ContractDocsIT {

    static Path docs() {
        return Path.of(System.getProperty("rxpush.project.root", "../..")).resolve("docs");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Map<String, Object> openApi, String name) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) openApi.get("components"))
                .get("schemas")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiBodySchemaIsWhatTheSimulatorEnforces() throws IOException {
        Map<String, Object> openApi = new Yaml().load(Files.readString(docs().resolve("resourcexpress-push-api.openapi.yaml")));
        Map<String, Object> booking = schema(openApi, "BookingUpdate");
        Map<String, Object> properties = (Map<String, Object>) booking.get("properties");
        List<String> required = (List<String>) booking.get("required");

        assertThat(((Map<String, Object>) openApi.get("paths")).keySet()).containsExactlyInAnyOrder(
                "/bookings/{bookingId}", "/health");
        // recurrence: the amendment "Recurring series and the sync window" (RecurrenceRules checks it as JSON)
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                Arrays.stream(BookingUpdate.class.getRecordComponents()).map(ContractDocsIT::jsonName),
                java.util.stream.Stream.of("recurrence")).distinct().toList());
        Map<String, Object> recurrence = (Map<String, Object>) schema(openApi, "Recurrence").get("properties");
        Map<String, Object> pattern = (Map<String, Object>) schema(openApi, "RecurrencePattern").get("properties");
        Map<String, Object> range = (Map<String, Object>) schema(openApi, "RecurrenceRange").get("properties");
        assertThat(recurrence.keySet()).containsExactlyInAnyOrder("pattern", "range");
        assertThat(enumOf(pattern.get("type"))).containsExactlyInAnyOrderElementsOf(RecurrenceRules.PATTERN_TYPES);
        assertThat(enumOf(range.get("type"))).containsExactlyInAnyOrderElementsOf(RecurrenceRules.RANGE_TYPES);
        for (String field : properties.keySet()) {
            ObjectNode without = Bookings.goldenTree();
            without.remove(field);
            assertThat(BookingRules.check(without, "bk-example")).as("without " + field)
                    .hasSize(required.contains(field) ? 1 : 0);
        }
        assertThat(enumOf(properties.get("source"))).containsExactlyElementsOf(names(Source.values()));
        assertThat(enumOf(properties.get("sensitivity"))).containsExactlyElementsOf(names(BookingUpdate.Sensitivity.values()));
        assertThat(enumOf(properties.get("occurrenceType")))
                .containsExactlyElementsOf(names(BookingUpdate.OccurrenceType.values()));
        Map<String, Object> attendee = (Map<String, Object>) schema(openApi, "Attendee").get("properties");
        assertThat(enumOf(attendee.get("type"))).containsExactlyElementsOf(names(BookingUpdate.AttendeeType.values()));
        assertThat(enumOf(attendee.get("response"))).containsExactlyElementsOf(names(BookingUpdate.ResponseType.values()));
    }

    @Test
    void theExampleBodyOfThePushApiDocIsValid() throws IOException {
        Matcher json = Pattern.compile("```json\\n(\\{\\n  \"bookingId\".*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(docs().resolve("resourcexpress-push-api.md")));
        assertThat(json.find()).isTrue();

        assertThat(BookingRules.check(SimJson.mapper().readTree(json.group(1)), "bk-example")).isEmpty();
    }

    @Test
    void theSimulatorDocNamesEverySettingAndSwitch() throws IOException {
        String doc = Files.readString(docs().resolve("resourcexpress-simulator.md"));

        for (RecordComponent c : RxSimulatorProperties.class.getRecordComponents()) {
            assertThat(doc).contains("rxpush.rx-simulator." + kebab(c.getName()));
        }
        for (RecordComponent c : FaultSettings.class.getRecordComponents()) {
            assertThat(doc).contains("`" + c.getName() + "`");
        }
    }

    private static String jsonName(RecordComponent c) {
        var property = c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null ? property.value() : c.getName();
    }

    @SuppressWarnings("unchecked")
    private static List<String> enumOf(Object property) {
        return (List<String>) ((Map<String, Object>) property).get("enum");
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
