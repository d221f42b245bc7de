package rxpush.simulators.resourcexpress.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What Exchange says now: the reference {@code verify} compares RX with. The JSON forms accepted
 * are in docs/resourcexpress-simulator.md ("Truth format").
 *
 * @param mailboxes every mailbox of the run; a booking RX holds for a mailbox not listed is extra
 * @param at when Exchange was read (JSON {@code at}; the exchange simulator's simulated now), or null:
 *     the sync window of a series verify is counted from it
 */
public record Truth(List<TruthMailbox> mailboxes, Instant at) {

    public Truth(List<TruthMailbox> mailboxes) {
        this(mailboxes, null);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Truth {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }

    /** Parses any accepted truth form; IllegalArgumentException says what is wrong. */
    public static Truth parse(String json) {
        return TruthReader.read(json);
    }

    /** GETs and parses the truth (e.g. the exchange-simulator's {@code /sim/truth}). */
    public static Truth fetch(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TruthUnavailableException("cannot fetch truth from " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TruthUnavailableException("interrupted while fetching truth from " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new TruthUnavailableException("truth URL " + url + " answered " + response.statusCode(), null);
        }
        return parse(response.body());
    }

    /** The truth URL could not be read. */
    public static final class TruthUnavailableException extends RuntimeException {
        TruthUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
