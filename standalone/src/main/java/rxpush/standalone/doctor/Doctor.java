package rxpush.standalone.doctor;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.config.MailboxSettings;
import rxpush.common.contract.Protocol;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.EwsServiceFactory;
import rxpush.common.exchange.GraphTokenProvider;

/**
 * Runs the checks in the order an operator would (Kafka, ResourceXpress, NotificationUrl, EWS, Graph,
 * subscriptions), prints one line per result with its fix, and tells whether anything failed.
 */
public final class Doctor {

    private final List<DoctorCheck> checks;

    Doctor(List<DoctorCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    static Doctor forSettings(DoctorSettings settings, String bootstrapServers, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.doctor().timeout()).build();
        GraphTokenProvider tokens = new GraphTokenProvider(settings.graph(), http, clock, settings.doctor().timeout());
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(new KafkaCheck(bootstrapServers, settings.doctor().timeout()));
        checks.add(new ResourceXpressCheck(settings.tenantUrl(), settings.apiKey(), http, settings.doctor().timeout()));
        checks.add(new NotificationUrlCheck(settings.notificationUrl(), http, settings.doctor().timeout()));
        checks.add(new EwsMailboxCheck(settings.ews(), addresses(settings.mailboxes(), Protocol.EWS),
                () -> EwsServiceFactory.create(settings.ews(), settings.graph(), http, clock, settings.doctor().timeout()),
                settings.notificationUrl()));
        checks.add(new GraphMailboxCheck(settings.graph(), tokens,
                new GraphHttp(settings.graph(), http, tokens, clock, settings.doctor().timeout()),
                addresses(settings.mailboxes(), Protocol.GRAPH), settings.notificationUrl()));
        checks.add(new SubscriptionHealthCheck(new KafkaSubscriptionRegistryReader(bootstrapServers, settings.doctor().timeout()),
                settings.mailboxes(), settings.ews(), clock));
        return new Doctor(checks);
    }

    private static List<String> addresses(List<MailboxSettings> mailboxes, Protocol protocol) {
        return mailboxes.stream().filter(m -> m.protocol() == protocol).map(MailboxSettings::address).toList();
    }

    /** Runs every check, printing as it goes; true when nothing FAILed. */
    public boolean run(PrintWriter out) {
        boolean healthy = true;
        for (DoctorCheck check : checks) {
            List<CheckResult> results;
            try {
                results = check.run();
            } catch (RuntimeException e) {
                results = List.of(CheckResult.fail(check.name() + " check crashed: " + Describe.io(e), "report this as a bug"));
            }
            for (CheckResult result : results) {
                out.println(result.line());
                healthy &= result.status() != CheckResult.Status.FAIL;
            }
            out.flush();
        }
        out.println(healthy ? "All checks passed." : "Some checks FAILED: apply the fixes above and run doctor again.");
        out.flush();
        return healthy;
    }
}
