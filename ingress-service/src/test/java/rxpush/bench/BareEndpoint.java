package rxpush.bench;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import rxpush.ingress.http.BodyReader;

/**
 * The ingress benchmark's yardstick: an endpoint on ingress's own stack (same Tomcat, same
 * virtual-thread and Spring MVC settings, same filters and observations) that reads the body as
 * the real endpoints do ({@link BodyReader}) and answers 202, doing nothing else. The benchmark adds
 * it to the ingress application it starts ({@code IngressApplication.builder().sources(...)}); it
 * lives outside {@code rxpush.ingress} so that component scanning never adds it to a test's or a
 * real ingress.
 */
@RestController
public class BareEndpoint {

    private static final DataSize LIMIT = DataSize.ofMegabytes(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @PostMapping("/bench/bare/**")
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException, BodyReader.PayloadTooLargeException, BodyReader.BodyTimeoutException {
        BodyReader.read(request, LIMIT, READ_TIMEOUT);
        return ResponseEntity.accepted().build();
    }
}
