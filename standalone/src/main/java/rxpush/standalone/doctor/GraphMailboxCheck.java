package rxpush.standalone.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rxpush.common.config.GraphSettings;
import rxpush.common.exchange.GraphAccessDeniedException;
import rxpush.common.exchange.GraphAuthException;
import rxpush.common.exchange.GraphHttp;
import rxpush.common.exchange.GraphTokenProvider;
import rxpush.common.exchange.ThrottledException;

/**
 * A Graph token is obtainable, and for each Graph mailbox the app can read its calendar and create a
 * subscription on its events (then deletes it): the two calls an application access policy or RBAC
 * for Applications scope refuses with 403 when the mailbox is outside it.
 */
final class GraphMailboxCheck implements DoctorCheck {

    private final GraphSettings settings;
    private final GraphTokenProvider tokens;
    private final GraphHttp graph;
    private final List<String> mailboxes;
    private final URI notificationUrl;

    GraphMailboxCheck(GraphSettings settings, GraphTokenProvider tokens, GraphHttp graph, List<String> mailboxes) {
        this(settings, tokens, graph, mailboxes, null);
    }

    /** @param notificationUrl ingress's public base URL; null: the subscription trial uses a placeholder */
    GraphMailboxCheck(GraphSettings settings, GraphTokenProvider tokens, GraphHttp graph, List<String> mailboxes,
            URI notificationUrl) {
        this.settings = settings;
        this.tokens = tokens;
        this.graph = graph;
        this.mailboxes = mailboxes;
        this.notificationUrl = notificationUrl;
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
            results.add(CheckResult.pass("Graph token obtained for app " + settings.clientId() + " (scope "
                    + tokens.scope() + ", " + (settings.usesCertificate() ? "certificate" : "client secret") + ")"));
        } catch (GraphAuthException | IllegalStateException e) {
            results.add(CheckResult.fail("no Graph token: " + e.getMessage(),
                    "check rxpush.graph.tenant-id, client-id and client-secret or certificate (an expired secret is the"
                            + " usual cause; AADSTS500011 means base-url and authority-host name different clouds)"));
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

    /** Creates the subscription the service would, then deletes it. */
    private CheckResult subscribe(String mailbox) throws IOException, InterruptedException {
        String base = notificationUrl == null ? "https://rxpush-doctor.invalid" : notificationUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        tools.jackson.databind.node.ObjectNode body = rxpush.common.kafka.ContractJson.mapper().createObjectNode();
        body.put("changeType", "created,updated,deleted");
        body.put("notificationUrl", base + "/graph/notifications");
        body.put("lifecycleNotificationUrl", base + "/graph/lifecycle");
        body.put("resource", "/users/" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8).replace("%40", "@") + "/events");
        body.put("expirationDateTime", java.time.Instant.now().plus(java.time.Duration.ofMinutes(30)).toString());
        body.put("clientState", rxpush.common.contract.SecretHash.newSecret());
        HttpResponse<String> created = graph.send(graph.request("/subscriptions").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
        if (created.statusCode() == 201 || created.statusCode() == 200) {
            String id = rxpush.common.kafka.ContractJson.mapper().readTree(created.body()).path("id").asString("");
            if (!id.isEmpty()) {
                graph.send(graph.request("/subscriptions/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).DELETE());
            }
            return CheckResult.pass(mailbox + ": Graph calendar readable, subscription created and deleted");
        }
        if (created.statusCode() == 400 && created.body().contains("ValidationError")) {
            return notificationUrl == null
                    ? CheckResult.pass(mailbox + ": Graph calendar readable and subscriptions allowed (handshake not"
                            + " tried: rxpush.notification-url is not set)")
                    : CheckResult.warn(mailbox + ": Graph allows the subscription but " + base + "/graph/notifications did"
                            + " not answer its validation request", "start ingress, and check that rxpush.notification-url"
                            + " is reachable from the internet over https");
        }
        return CheckResult.fail(mailbox + ": Graph refused a subscription on its events (HTTP " + created.statusCode() + ")",
                "see the Graph error in the subscription service's status for this mailbox");
    }

    private CheckResult check(String mailbox) {
        try {
            // The read the forwarder makes (a calendar view), cut to one item: it needs the same permission.
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            HttpResponse<String> response = graph.send(graph.request("/users/"
                    + URLEncoder.encode(mailbox, StandardCharsets.UTF_8) + "/calendarView?startDateTime=" + now
                    + "&endDateTime=" + now.plus(java.time.Duration.ofDays(1)) + "&$top=1&$select=id").GET());
            if (response.statusCode() == 200) {
                return subscribe(mailbox);
            }
            if (response.statusCode() == 404) {
                return CheckResult.fail(mailbox + ": Graph does not know this mailbox (HTTP 404)",
                        "check the address, and that the mailbox is in Exchange Online");
            }
            return CheckResult.fail(mailbox + ": Graph answered HTTP " + response.statusCode(), "see Graph's service health");
        } catch (GraphAccessDeniedException e) {
            return CheckResult.fail(mailbox + ": Graph denied access (HTTP 403 " + e.code() + ")",
                    "grant the app Calendars.Read (application) with admin consent, and include this mailbox in the"
                            + " application access policy (Test-ApplicationAccessPolicy -Identity " + mailbox
                            + " -AppId " + settings.clientId() + ") or the RBAC for Applications scope");
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
