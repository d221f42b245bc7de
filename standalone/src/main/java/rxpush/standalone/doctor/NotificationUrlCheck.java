package rxpush.standalone.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import rxpush.common.config.Urls;
import rxpush.common.contract.SecretHash;

/**
 * NotificationUrl reachable: a self-call through the configured external URL that does what Graph does
 * when a subscription is created, a POST with {@code validationToken}, expecting the token back as
 * text/plain. It proves DNS, TLS, proxy and firewall on the path Exchange and Graph will take.
 */
final class NotificationUrlCheck implements DoctorCheck {

    private final URI notificationUrl;
    private final HttpClient http;
    private final Duration timeout;

    NotificationUrlCheck(URI notificationUrl, HttpClient http, Duration timeout) {
        this.notificationUrl = notificationUrl;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "NotificationUrl";
    }

    @Override
    public List<CheckResult> run() {
        if (notificationUrl == null) {
            return List.of(CheckResult.fail("rxpush.notification-url is not set",
                    "set it to the public base URL of ingress-service (legacy NotificationUrl)"));
        }
        String token = "rxpush-doctor-" + SecretHash.newSecret();
        URI probe = URI.create(Urls.trimmed(notificationUrl) + "/graph/notifications?validationToken=" + token);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(probe).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            boolean plain = response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain");
            if (response.statusCode() == 200 && token.equals(response.body()) && plain) {
                return List.of(CheckResult.pass("NotificationUrl " + notificationUrl + " reaches rx-push ingress"));
            }
            return List.of(CheckResult.fail("NotificationUrl " + notificationUrl + " answered HTTP " + response.statusCode()
                    + " but not as rx-push ingress does", "check that the URL (and any reverse proxy) routes to ingress-service"));
        } catch (IOException e) {
            return List.of(CheckResult.fail("NotificationUrl " + notificationUrl + " is not reachable: " + Describe.io(e),
                    "make rxpush.notification-url publicly reachable and routed to ingress-service"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail("interrupted", ""));
        }
    }
}
