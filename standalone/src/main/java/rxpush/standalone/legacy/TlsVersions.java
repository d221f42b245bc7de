package rxpush.standalone.legacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Legacy UseTLSVersion ("1.0,1.1,1.2") to JSSE protocol names. TLS 1.0 and 1.1 are dropped with a
 * warning: ingress refuses them unless an operator allows them explicitly.
 */
record TlsVersions(List<String> versions) {

    static TlsVersions fromLegacy(String legacy, List<String> warnings) {
        if (legacy == null) {
            return new TlsVersions(List.of("TLSv1.2", "TLSv1.3"));
        }
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String part : legacy.split("[,;\\s]+")) {
            String version = part.trim().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "");
            switch (version) {
                case "1.0", "1" -> dropped.add("TLSv1");
                case "1.1" -> dropped.add("TLSv1.1");
                case "1.2" -> kept.add("TLSv1.2");
                case "1.3" -> kept.add("TLSv1.3");
                case "" -> { }
                default -> warnings.add("UseTLSVersion lists '" + part.trim() + "', which is not a TLS version; ignored");
            }
        }
        if (!dropped.isEmpty()) {
            warnings.add("UseTLSVersion requests " + String.join(" and ", dropped) + ": rx-push serves TLS 1.2+ only; "
                    + "they were left out of rxpush.tls.versions (allowing them needs rxpush.tls.allow-legacy: true and is unsafe)");
        }
        if (kept.isEmpty()) {
            warnings.add("UseTLSVersion leaves no safe TLS version: rxpush.tls.versions set to TLSv1.2");
            kept.add("TLSv1.2");
        }
        return new TlsVersions(List.copyOf(kept));
    }
}
