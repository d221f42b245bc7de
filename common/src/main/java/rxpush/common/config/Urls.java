package rxpush.common.config;

import java.net.URI;

/** URL checks shared by the settings records. */
public final class Urls {

    private Urls() {
    }

    public static boolean isHttp(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    /** The URL without a trailing slash, so paths can be appended with "/". */
    public static String trimmed(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
