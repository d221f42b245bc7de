package rxpush.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What operators see, {@code rxpush.ops.*}: the forwarders' lag measured from the brokers' side. (The
 * status page's actions need no setting of their own: the whole admin port is behind the admin API's
 * bearer token, {@code rxpush.admin.*}.)
 *
 * @param forwarderGroupId consumer group of the live forwarders whose lag this service reports
 *                         ({@code rxpush_forwarder_group_lag}); the same value as the forwarders'
 *                         {@code rxpush.forwarder.group-id}
 * @param lagInterval      how often that lag is read from the brokers (committed offsets against log end)
 */
public record OpsSettings(
        @DefaultValue("rxpush-forwarder") @NotBlank String forwarderGroupId,
        @DefaultValue("15s") @NotNull Duration lagInterval) {

    public OpsSettings {
        if (lagInterval != null && (lagInterval.isNegative() || lagInterval.isZero())) {
            throw new IllegalArgumentException("rxpush.ops.lag-interval must be positive");
        }
    }
}
