package rxpush.simulators.resourcexpress;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import rxpush.simulators.resourcexpress.faults.FaultSettings;

/**
 * Settings of the ResourceXpress simulator ({@code rxpush.rx-simulator.*}), documented in
 * docs/resourcexpress-simulator.md.
 *
 * @param apiKey the ApiKey RX accepts in {@code X-Api-Key}; never logged
 * @param dataFile journal file that keeps bookings and Idempotency-Key records across restarts;
 *     unset keeps everything in memory
 * @param requestLogLimit how many requests {@code /sim/requests} keeps (oldest dropped first)
 * @param seed seed of the fault dice; unset picks a random one and logs it
 * @param truthUrl where {@code POST /sim/verify} without a body fetches Exchange's truth, e.g. the
 *     exchange-simulator's {@code http://localhost:8080/sim/truth}
 * @param faults fault switches at start ({@code rxpush.rx-simulator.faults.server-error-rate=0.1},
 *     ...); all off when unset
 */
@ConfigurationProperties("rxpush.rx-simulator")
@Validated
public record RxSimulatorProperties(@NotBlank String apiKey, Path dataFile,
        @DefaultValue("100000") @Positive int requestLogLimit, Long seed, URI truthUrl, FaultSettings faults) {
}
