package rxpush.ingress.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The copied protocol fixtures under src/test/resources/fixtures (see its README). */
public final class Fixtures {

    private static final Pattern EWS_SUBSCRIPTION_ID = Pattern.compile("<t:SubscriptionId>([^<]*)</t:SubscriptionId>");

    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The SubscriptionId an EWS fixture names. */
    public static String ewsSubscriptionId(String path) {
        Matcher matcher = EWS_SUBSCRIPTION_ID.matcher(text(path));
        if (!matcher.find()) {
            throw new IllegalArgumentException(path + " names no SubscriptionId");
        }
        return matcher.group(1);
    }
}
