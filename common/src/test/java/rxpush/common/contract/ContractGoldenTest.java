package rxpush.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rxpush.common.kafka.ContractJson;
import tools.jackson.databind.JsonNode;

/**
 * The wire format is fixed by golden files: a change to a record's JSON fails here until the golden
 * file is changed too, deliberately and visibly in review. To regenerate after an intended change:
 * {@code ./mvnw -pl common test -Dtest=ContractGoldenTest -Drxpush.golden.update=true}.
 */
class ContractGoldenTest {

    static Stream<Arguments> contracts() {
        return Stream.of(
                Arguments.of("change-notification.v1.json", ContractSamples.changeNotification()),
                // Written before firstPushFrom existed: it must still read, with the field null.
                Arguments.of("subscription-state.v1.json", ContractSamples.subscriptionState()),
                Arguments.of("subscription-state-first-push.v1.json", ContractSamples.subscriptionStateAwaitingFirstPush()),
                Arguments.of("mailbox-registration.v1.json", ContractSamples.mailboxRegistration()),
                Arguments.of("lifecycle-notification.v1.json", ContractSamples.lifecycleNotification()),
                // Written before seriesMasterBookingId existed: it must still read, with the field null.
                Arguments.of("forwarded-version.v1.json", ContractSamples.forwardedVersion()),
                Arguments.of("forwarded-version-occurrence.v1.json", ContractSamples.forwardedOccurrenceVersion()),
                Arguments.of("booking-update.json", ContractSamples.bookingUpdate()),
                Arguments.of("booking-update-series-master.json", ContractSamples.seriesMaster()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void serializesExactlyAsTheGoldenFile(String golden, Object sample) throws IOException {
        // Through text, as on the wire (valueToTree would keep a long as a LongNode).
        JsonNode written = ContractJson.mapper().readTree(ContractJson.mapper().writeValueAsString(sample));
        if (Boolean.getBoolean("rxpush.golden.update")) {
            Path file = Path.of("src/test/resources/golden", golden);
            Files.writeString(file, ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n");
        }
        assertThat(written).isEqualTo(ContractJson.mapper().readTree(read(golden)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void readsTheGoldenFileBackToTheSameRecord(String golden, Object sample) throws IOException {
        assertThat(ContractJson.mapper().readValue(read(golden), sample.getClass())).isEqualTo(sample);
    }

    private static String read(String golden) throws IOException {
        try (InputStream in = ContractGoldenTest.class.getResourceAsStream("/golden/" + golden)) {
            if (in == null) {
                return fail("golden file " + golden + " is missing; see this class's comment to create it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
