package rxpush.standalone.doctor;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphAuthException;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.exchange.ThrottledException;

/** A Graph token is obtainable and the app can read each Graph mailbox's calendar. */
final class GraphMailboxCheck implements DoctorCheck {

    private final GraphSettings settings;
    private final GraphTokenProvider tokens;
    private final GraphHttp graph;
    private final List<String> mailboxes;

    GraphMailboxCheck(GraphSettings settings, GraphTokenProvider tokens, GraphHttp graph, List<String> mailboxes) {
        this.settings = settings;
        this.tokens = tokens;
        this.graph = graph;
        this.mailboxes = mailboxes;
    }

    @Override
    public String name() {
        return "Graph";
    }

    @Override
    public List<CheckResult> run() {
        if (mailboxes.isEmpty()) {
            return List.of(CheckResult.skip("no Graph mailboxes configured"));
        }
        if (!settings.configured()) {
            return List.of(CheckResult.fail(mailboxes.size() + " mailboxes use Graph but rxpush.graph.client-id is not set",
                    "register an app with the Calendars.Read application permission and set rxpush.graph.tenant-id,"
                            + " client-id and client-secret"));
        }
        List<CheckResult> results = new ArrayList<>();
        try {
            tokens.token();
            results.add(CheckResult.pass("Graph token obtained for app " + settings.clientId()));
        } catch (GraphAuthException | IllegalStateException e) {
            results.add(CheckResult.fail("no Graph token: " + e.getMessage(),
                    "check rxpush.graph.tenant-id, client-id and client-secret (an expired secret is the usual cause)"));
            return results;
        } catch (IOException e) {
            results.add(CheckResult.fail("Graph token endpoint not reachable: " + Describe.io(e),
                    "check rxpush.graph.token-url and the outbound proxy/firewall"));
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return results;
        }
        for (String mailbox : mailboxes.stream().limit(EwsMailboxCheck.MAX_CHECKED).toList()) {
            results.add(check(mailbox));
        }
        return results;
    }

    private CheckResult check(String mailbox) {
        try {
            // The read the forwarder makes (a calendar view), cut to one item: it needs the same permission.
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            HttpResponse<String> response = graph.send(graph.request("/users/"
                    + URLEncoder.encode(mailbox, StandardCharsets.UTF_8) + "/calendarView?startDateTime=" + now
                    + "&endDateTime=" + now.plus(java.time.Duration.ofDays(1)) + "&$top=1&$select=id").GET());
            if (response.statusCode() == 200) {
                return CheckResult.pass(mailbox + ": Graph calendar readable");
            }
            if (response.statusCode() == 404) {
                return CheckResult.fail(mailbox + ": Graph does not know this mailbox (HTTP 404)",
                        "check the address, and that the mailbox is in Exchange Online");
            }
            return CheckResult.fail(mailbox + ": Graph answered HTTP " + response.statusCode(), "see Graph's service health");
        } catch (GraphAuthException e) {
            return CheckResult.fail(mailbox + ": " + e.getMessage(),
                    "grant the app the Calendars.Read application permission with admin consent (or widen its"
                            + " application access policy to this mailbox)");
        } catch (ThrottledException e) {
            return CheckResult.warn(mailbox + ": Graph throttled the check (" + e.retryAfter() + ")", "run doctor again later");
        } catch (IOException e) {
            return CheckResult.fail(mailbox + ": Graph not reachable: " + Describe.io(e), "check rxpush.graph.base-url and the outbound proxy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("interrupted", "");
        }
    }
}
