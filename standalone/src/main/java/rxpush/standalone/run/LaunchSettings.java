package rxpush.standalone.run;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The launcher's own settings, {@code rxpush.standalone.*}.
 *
 * @param dataDir             where the embedded broker keeps topics and offsets (default ./rxpush-data);
 *                            a restart with the same directory keeps them
 * @param kafkaPort           client port of the embedded broker (default 9092)
 * @param kafkaControllerPort KRaft controller port of the embedded broker (default 9093)
 * @param summaryInterval     how often the live one-line summary is printed (default 5s; 0 turns it off)
 */
@Validated
@ConfigurationProperties("rxpush.standalone")
public record LaunchSettings(
        @DefaultValue("rxpush-data") @NotNull Path dataDir,
        @DefaultValue("9092") @Min(1) @Max(65535) int kafkaPort,
        @DefaultValue("9093") @Min(1) @Max(65535) int kafkaControllerPort,
        @DefaultValue("5s") @NotNull Duration summaryInterval) {
}
