package rxpush.standalone.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import rxpush.common.config.Urls;

/** ResourceXpress reachable at TenantUrl and the ApiKey accepted ({@code GET /api/push/v1/health}). */
final class ResourceXpressCheck implements DoctorCheck {

    private final URI tenantUrl;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;

    ResourceXpressCheck(URI tenantUrl, String apiKey, HttpClient http, Duration timeout) {
        this.tenantUrl = tenantUrl;
        this.apiKey = apiKey;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "ResourceXpress";
    }

    @Override
    public List<CheckResult> run() {
        if (tenantUrl == null) {
            return List.of(CheckResult.fail("rxpush.tenant-url is not set", "set it to the ResourceXpress base URL (legacy TenantUrl)"));
        }
        if (apiKey == null || apiKey.isBlank()) {
            return List.of(CheckResult.fail("rxpush.api-key is not set", "set it to the ApiKey of ResourceXpress's web.config"));
        }
        URI health = URI.create(Urls.trimmed(tenantUrl) + "/api/push/v1/health");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(timeout)
                    .header("X-Api-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 200) {
                return List.of(CheckResult.pass("ResourceXpress at " + tenantUrl + " is reachable and accepts the ApiKey"));
            }
            if (status == 401 || status == 403) {
                return List.of(CheckResult.fail("ResourceXpress at " + tenantUrl + " rejected the ApiKey (HTTP " + status + ")",
                        "check that rxpush.api-key matches ApiKey in RX web.config"));
            }
            return List.of(CheckResult.fail("ResourceXpress at " + tenantUrl + " answered HTTP " + status + " to " + health.getPath(),
                    "check rxpush.tenant-url points at ResourceXpress (the push API lives under /api/push/v1)"));
        } catch (IOException e) {
            return List.of(CheckResult.fail("ResourceXpress at " + tenantUrl + " is not reachable: " + Describe.io(e),
                    "check rxpush.tenant-url, DNS, firewall and that RX is running"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail("interrupted", ""));
        }
    }
}
