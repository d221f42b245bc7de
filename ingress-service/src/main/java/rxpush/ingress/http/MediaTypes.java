package rxpush.ingress.http;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Content-Type checks of the notification endpoints (415 when they fail). */
public final class MediaTypes {

    /** What Exchange sends a SOAP 1.1 push as (text/xml), and the XML types a proxy may turn it into. */
    public static final List<MediaType> XML = List.of(MediaType.TEXT_XML, MediaType.APPLICATION_XML,
            MediaType.parseMediaType("application/soap+xml"));

    /** What Graph sends change and lifecycle notifications as. */
    public static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    private MediaTypes() {
    }

    /** True when {@code contentType} is one of {@code accepted} (parameters such as charset ignored). */
    public static boolean oneOf(String contentType, List<MediaType> accepted) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return accepted.stream().anyMatch(a -> a.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
