package rxpush.simulators.exchange.ews;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/** POSTs SendNotification requests with the headers Exchange sends; bounded concurrency. */
final class PushSender {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;
    private final Semaphore permits;

    PushSender(Duration timeout, int maxConcurrent) {
        this.timeout = timeout;
        this.permits = new Semaphore(maxConcurrent);
    }

    /** The listener's answer; INVALID for non-200 answers, unparseable bodies, timeouts and refusals. */
    PushAnswer post(URI url, String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", Soap.CONTENT_TYPE)
                .header("Accept", "text/xml")
                .header("SOAPAction", NotificationXml.SOAP_ACTION)
                .header("User-Agent", "ExchangeServicesClient/15.01.2507.006")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            permits.acquire();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                return response.statusCode() == 200 ? PushAnswer.parse(response.body()) : PushAnswer.INVALID;
            } finally {
                permits.release();
            }
        } catch (IOException e) {
            return PushAnswer.INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushAnswer.INVALID;
        }
    }
}
