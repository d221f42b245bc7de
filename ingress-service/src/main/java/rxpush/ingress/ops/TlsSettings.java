package rxpush.ingress.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TLS versions the notification port serves, {@code rxpush.tls.*}.
 *
 * <p>{@code versions} takes the legacy {@code UseTLSVersion} values ({@code 1.0,1.1,1.2}), .NET names
 * ({@code Tls12}) or JSSE names ({@code TLSv1.2}). TLS 1.0 and 1.1 are broken (RFC 8996): they are
 * refused, and a warning says so at start-up, unless {@code allow-legacy} is set. The versions apply
 * when the port itself terminates TLS ({@code server.ssl.*}); behind a TLS-terminating load
 * balancer configure the balancer instead.
 *
 * @param versions    TLS versions to serve (default 1.2,1.3)
 * @param allowLegacy serve TLS 1.0/1.1 when listed in {@code versions} (default false). The JDK also
 *                    disables them (jdk.tls.disabledAlgorithms) unless its security settings are
 *                    relaxed; a warning says so.
 */
public record TlsSettings(
        @DefaultValue({"1.2", "1.3"}) List<String> versions,
        @DefaultValue("false") boolean allowLegacy) {

    private static final Set<String> LEGACY = Set.of("TLSv1", "TLSv1.1");

    public TlsSettings {
        versions = versions == null ? List.of("TLSv1.2", "TLSv1.3") : normalize(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("rxpush.tls.versions must name at least one TLS version");
        }
        if (!allowLegacy && versions.stream().allMatch(LEGACY::contains)) {
            throw new IllegalArgumentException("rxpush.tls.versions lists only TLS 1.0/1.1, which are refused;"
                    + " add 1.2 or set rxpush.tls.allow-legacy=true");
        }
    }

    /** The JSSE protocol names to enable: {@code versions} without TLS 1.0/1.1 unless allowed. */
    public List<String> enabledProtocols() {
        return allowLegacy ? versions : versions.stream().filter(v -> !LEGACY.contains(v)).toList();
    }

    /** The listed versions that are not served because legacy TLS is not allowed. */
    public List<String> refusedProtocols() {
        return allowLegacy ? List.of() : versions.stream().filter(LEGACY::contains).toList();
    }

    /** The listed legacy versions that are served (only with {@code allow-legacy}). */
    public List<String> legacyProtocolsServed() {
        return allowLegacy ? versions.stream().filter(LEGACY::contains).toList() : List.of();
    }

    private static List<String> normalize(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : raw) {
            if (value == null || value.isBlank()) {
                continue;
            }
            out.add(protocol(value.trim()));
        }
        return new ArrayList<>(out);
    }

    /** One configured value as a JSSE protocol name. */
    static String protocol(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (v) {
            case "1.0", "1", "tls", "tls1", "tls10", "tls1.0", "tlsv1", "tlsv1.0" -> "TLSv1";
            case "1.1", "tls11", "tls1.1", "tlsv1.1" -> "TLSv1.1";
            case "1.2", "tls12", "tls1.2", "tlsv1.2" -> "TLSv1.2";
            case "1.3", "tls13", "tls1.3", "tlsv1.3" -> "TLSv1.3";
            default -> throw new IllegalArgumentException("rxpush.tls.versions: unknown TLS version '" + value
                    + "' (use 1.2, 1.3; 1.0 and 1.1 only with rxpush.tls.allow-legacy=true)");
        };
    }
}
