package rxpush.simulators.exchange;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import rxpush.simulators.exchange.clock.SimClock;

/**
 * The simulator's settings, {@code rxpush.exchange-simulator.*}; docs/exchange-simulator.md lists
 * every key. Runtime fault switches start from {@link FaultSettings} and can be changed later.
 *
 * @param seed      seed for ids and random content (same seed, same mailbox ids and bookings)
 * @param mailboxes the room mailboxes
 * @param clock     the simulated clock
 * @param changes   how noisy each booking change is
 * @param ews       the EWS endpoint
 * @param push      EWS push delivery
 * @param graph     the Graph endpoint, token endpoint and notification delivery
 * @param workload  the booking generator
 * @param faults    initial fault switches
 */
@Validated
@ConfigurationProperties("rxpush.exchange-simulator")
public record SimulatorProperties(
        @DefaultValue("1") long seed,
        @Valid @NotNull @DefaultValue MailboxSettings mailboxes,
        @Valid @NotNull @DefaultValue ClockSettings clock,
        @Valid @NotNull @DefaultValue ChangeSettings changes,
        @Valid @NotNull @DefaultValue EwsSettings ews,
        @Valid @NotNull @DefaultValue PushSettings push,
        @Valid @NotNull @DefaultValue GraphSettings graph,
        @Valid @NotNull @DefaultValue WorkloadSettings workload,
        @Valid @NotNull @DefaultValue FaultSettings faults) {

    /**
     * @param count           number of generated room mailboxes (room-001@domain ...) when no
     *                        addresses are listed
     * @param domain          domain of generated mailboxes
     * @param addresses       explicit mailbox addresses; when set, used instead of generated ones
     * @param peopleDomain    domain of organizers and attendees
     * @param journalRetention how long change journal entries (and so watermarks, sync states and
     *                        delta tokens) stay valid
     */
    public record MailboxSettings(
            @DefaultValue("10") @Min(1) @Max(200_000) int count,
            @DefaultValue("sim.contoso.com") @NotBlank String domain,
            @DefaultValue List<String> addresses,
            @DefaultValue("contoso.com") @NotBlank String peopleDomain,
            @DefaultValue("30d") @NotNull Duration journalRetention) {

        public List<String> effectiveAddresses() {
            return addresses.isEmpty() ? rxpush.simulators.exchange.calendar.CalendarStore.generatedAddresses(count, domain)
                    : addresses;
        }
    }

    /**
     * @param mode  REAL_TIME follows the wall clock; MANUAL only moves when advanced
     * @param start the simulated start instant; empty means now
     * @param speed in REAL_TIME mode, simulated seconds per wall-clock second
     */
    public record ClockSettings(
            @DefaultValue("REAL_TIME") @NotNull SimClock.Mode mode,
            Instant start,
            @DefaultValue("1.0") @DecimalMin(value = "0.001") double speed) {
    }

    /**
     * @param attendantUpdateRate chance that the booking attendant modifies an item a second time
     * @param freeBusyRate        chance that a change also touches the free/busy item (noise)
     * @param hardDeleteRate      chance that a cancelled booking is deleted rather than moved to
     *                            Deleted Items
     */
    public record ChangeSettings(
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double attendantUpdateRate,
            @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double freeBusyRate,
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double hardDeleteRate) {
    }

    /**
     * @param username                 Basic user name required on EWS requests; empty accepts any or
     *                                 no credentials
     * @param password                 its password; never logged
     * @param requireImpersonation     reject access to a mailbox other than the caller's own unless
     *                                 the request carries ExchangeImpersonation
     * @param impersonationAllowed     whether the account holds the ApplicationImpersonation role
     *                                 (false: ErrorImpersonateUserDenied)
     * @param maxSubscriptionsPerCaller live push subscriptions per caller (the impersonated mailbox,
     *                                 else the account), ErrorExceededSubscriptionCount beyond
     * @param watermarkMaxAge          watermarks older than this are ErrorInvalidWatermark
     */
    public record EwsSettings(
            String username,
            String password,
            @DefaultValue("false") boolean requireImpersonation,
            @DefaultValue("true") boolean impersonationAllowed,
            @DefaultValue("20") @Min(1) int maxSubscriptionsPerCaller,
            @DefaultValue("30d") @NotNull Duration watermarkMaxAge) {

        @Override
        public String toString() {
            return "EwsSettings[username=" + username + ", requireImpersonation=" + requireImpersonation
                    + ", impersonationAllowed=" + impersonationAllowed + ", maxSubscriptionsPerCaller="
                    + maxSubscriptionsPerCaller + ", watermarkMaxAge=" + watermarkMaxAge + "]";
        }
    }

    /**
     * @param firstRetry               delay before the first retry of a failed push (then doubling)
     * @param responseTimeout          how long a push waits for the listener's answer (wall clock)
     * @param maxEventsPerNotification events per SendNotification; more set MoreEvents=true
     * @param batchWindow              how long events gather before a push (0: push at once)
     * @param maxConcurrentDeliveries  pushes in flight at once across all subscriptions
     */
    public record PushSettings(
            @DefaultValue("30s") @NotNull Duration firstRetry,
            @DefaultValue("30s") @NotNull Duration responseTimeout,
            @DefaultValue("50") @Min(1) @Max(1000) int maxEventsPerNotification,
            @DefaultValue("0s") @NotNull Duration batchWindow,
            @DefaultValue("64") @Min(1) int maxConcurrentDeliveries) {
    }

    /**
     * @param tenantId             the tenant of the token endpoint and notifications
     * @param clientId             accepted client id
     * @param clientSecret         accepted client secret; never logged
     * @param tokenLifetime        access token lifetime (simulated clock)
     * @param maxExpiration        longest subscription lifetime for events (10,080 minutes)
     * @param validationTimeout    how long the validation handshake may take (wall clock)
     * @param answerBudget         notification answers slower than this are counted as slow
     * @param slowThreshold        answers slower than this count towards the slow/drop states
     * @param slowShare            share of slow answers in the window that marks an endpoint slow
     * @param dropShare            share of slow answers in the window that makes Graph drop
     * @param throttleWindow       the window the shares are computed over (simulated clock)
     * @param slowDelay            delay of new notifications to a slow endpoint
     * @param dropDuration         how long new notifications are dropped once dropping starts
     * @param deliveryTimeout      how long a delivery waits for an answer (wall clock)
     * @param firstRetry           first retry delay of a failed delivery (then doubling)
     * @param retryFor             how long failed deliveries are retried before being dropped
     * @param duplicateRate        chance that a change notification is delivered twice
     * @param reauthorizationLead  how long before expiry reauthorizationRequired is sent
     * @param requireHttps         reject http notification URLs as Graph does
     * @param batchWindow          how long notifications gather before a POST (0: at once)
     */
    public record GraphSettings(
            @DefaultValue("8a4f1c2e-5b7d-4e3a-9c1f-2d6e8b0a7f35") @NotBlank String tenantId,
            @DefaultValue("rxpush-sim-client") @NotBlank String clientId,
            @DefaultValue("rxpush-sim-secret") @NotBlank String clientSecret,
            @DefaultValue("1h") @NotNull Duration tokenLifetime,
            @DefaultValue("10080m") @NotNull Duration maxExpiration,
            @DefaultValue("10s") @NotNull Duration validationTimeout,
            @DefaultValue("3s") @NotNull Duration answerBudget,
            @DefaultValue("10s") @NotNull Duration slowThreshold,
            @DefaultValue("0.10") @DecimalMin("0") @DecimalMax("1") double slowShare,
            @DefaultValue("0.15") @DecimalMin("0") @DecimalMax("1") double dropShare,
            @DefaultValue("10m") @NotNull Duration throttleWindow,
            @DefaultValue("10s") @NotNull Duration slowDelay,
            @DefaultValue("10m") @NotNull Duration dropDuration,
            @DefaultValue("10s") @NotNull Duration deliveryTimeout,
            @DefaultValue("1m") @NotNull Duration firstRetry,
            @DefaultValue("4h") @NotNull Duration retryFor,
            @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double duplicateRate,
            @DefaultValue("1h") @NotNull Duration reauthorizationLead,
            @DefaultValue("false") boolean requireHttps,
            @DefaultValue("0s") @NotNull Duration batchWindow) {

        @Override
        public String toString() {
            return "GraphSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", maxExpiration="
                    + maxExpiration + "]";
        }
    }

    /**
     * @param rate            booking changes per simulated second (0: off)
     * @param autoStart       start generating at start-up
     * @param tick            how often the generator runs (simulated clock)
     * @param initialBookings bookings created in every mailbox at start-up
     * @param createWeight    relative weight of creates
     * @param updateWeight    relative weight of updates
     * @param moveWeight      relative weight of moves to another room
     * @param cancelWeight    relative weight of cancellations
     * @param seriesShare     share of creates that are recurring series
     * @param seriesEditWeight relative weight of series edits (shorten, cancel or move one occurrence,
     *                        change the series' time)
     */
    public record WorkloadSettings(
            @DefaultValue("1.0") @DecimalMin("0") double rate,
            @DefaultValue("false") boolean autoStart,
            @DefaultValue("1s") @NotNull Duration tick,
            @DefaultValue("0") @Min(0) int initialBookings,
            @DefaultValue("0.35") @DecimalMin("0") double createWeight,
            @DefaultValue("0.35") @DecimalMin("0") double updateWeight,
            @DefaultValue("0.1") @DecimalMin("0") double moveWeight,
            @DefaultValue("0.2") @DecimalMin("0") double cancelWeight,
            @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double seriesShare,
            @DefaultValue("0.1") @DecimalMin("0") double seriesEditWeight) {
    }

    /**
     * @param ewsBusyRate        share of EWS requests answered with ErrorServerBusy
     * @param ewsBackOff         BackOffMilliseconds in those answers
     * @param graphThrottleRate  share of Graph requests answered with 429
     * @param graphRetryAfter    Retry-After of those answers
     * @param dropPushRate       share of EWS pushes and Graph notification POSTs silently lost
     * @param apiLatency         extra latency of every EWS and Graph answer (wall clock)
     */
    public record FaultSettings(
            @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double ewsBusyRate,
            @DefaultValue("30s") @NotNull Duration ewsBackOff,
            @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double graphThrottleRate,
            @DefaultValue("10s") @NotNull Duration graphRetryAfter,
            @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double dropPushRate,
            @DefaultValue("0s") @NotNull Duration apiLatency) {
    }
}
