package rxpush.standalone.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates the Windows Push Service's RXPushService.exe.config into an equivalent rx-push
 * application.yml (docs/migration.md has the same mapping as a table), warning about what the old
 * setup did that rx-push will not do silently.
 */
public final class LegacyConfigImporter {

    /** Exchange serves at most 20 push subscriptions per account without impersonation. */
    static final int MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION = 20;

    private static final Set<String> KNOWN = Set.of(LegacySettings.EWS_FREQUENCY, LegacySettings.EWS_FREQUENCY_DELAY,
            LegacySettings.PROCESS_SUBSCRIPTION_INTERVAL, LegacySettings.TENANT_URL, LegacySettings.NOTIFICATION_URL,
            LegacySettings.USE_IMPERSONATION, LegacySettings.API_KEY, LegacySettings.USE_TLS_VERSION)
            .stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    private LegacyConfigImporter() {
    }

    /**
     * @param config    the legacy .exe.config
     * @param mailboxes EWS mailboxes that will be served (may be empty when not known): used for the
     *                  impersonation check and written to rxpush.mailboxes
     */
    public static ImportResult importConfig(InputStream config, List<String> mailboxes) throws IOException {
        return translate(LegacyConfigReader.read(config), mailboxes);
    }

    static ImportResult translate(LegacySettings legacy, List<String> mailboxes) {
        List<String> warnings = new ArrayList<>();
        YamlWriter yaml = new YamlWriter();
        yaml.comment("Translated from RXPushService.exe.config by `rxpush import-legacy-config`.");
        yaml.comment("docs/configuration.md describes every property; docs/migration.md the mapping.");
        yaml.open("rxpush");

        String tenantUrl = legacy.get(LegacySettings.TENANT_URL);
        if (tenantUrl == null) {
            warnings.add("TenantUrl is not set: set rxpush.tenant-url to the ResourceXpress base URL");
        } else {
            checkUrl(tenantUrl, "TenantUrl", "rxpush.tenant-url", warnings);
            if (isLocal(host(tenantUrl))) {
                warnings.add("TenantUrl " + tenantUrl + " is local: the Windows service ran beside ResourceXpress; rx-push must "
                        + "reach it over the network, so set rxpush.tenant-url to an address rx-push can reach");
            }
            yaml.value("tenant-url", tenantUrl, "legacy TenantUrl");
        }

        String apiKey = legacy.get(LegacySettings.API_KEY);
        if (apiKey == null) {
            warnings.add("ApiKey is not set: set rxpush.api-key to the ApiKey of ResourceXpress's web.config");
        } else {
            yaml.value("api-key", apiKey, "legacy ApiKey; prefer the environment variable RXPUSH_API_KEY over a file");
        }

        String notificationUrl = legacy.get(LegacySettings.NOTIFICATION_URL);
        if (notificationUrl == null) {
            warnings.add("NotificationUrl is not set: set rxpush.notification-url to the public base URL of ingress-service");
        } else {
            checkUrl(notificationUrl, "NotificationUrl", "rxpush.notification-url", warnings);
            String host = host(notificationUrl);
            if (host != null && (isLocal(host) || isPrivate(host))) {
                warnings.add("NotificationUrl " + notificationUrl + " is not publicly reachable (" + host + "): Exchange Online and "
                        + "Microsoft Graph cannot call it; set rxpush.notification-url to a public HTTPS URL");
            } else if (notificationUrl.toLowerCase(Locale.ROOT).startsWith("http:")) {
                warnings.add("NotificationUrl uses http: Microsoft Graph only calls https URLs; use https for rxpush.notification-url");
            }
            yaml.value("notification-url", notificationUrl, "legacy NotificationUrl");
        }

        yaml.open("tls");
        TlsVersions tls = TlsVersions.fromLegacy(legacy.get(LegacySettings.USE_TLS_VERSION), warnings);
        yaml.list("versions", tls.versions(), "legacy UseTLSVersion");
        yaml.close();

        yaml.open("ews");
        // Absent means rx-push's default (true): Exchange refuses push subscriptions through delegate access.
        boolean impersonation = booleanSetting(legacy, LegacySettings.USE_IMPERSONATION, true, warnings);
        yaml.raw("use-impersonation", Boolean.toString(impersonation), "legacy UseImpersonation");
        yaml.raw("status-frequency", minutes(legacy, LegacySettings.EWS_FREQUENCY, 5, 1, 1440,
                "rxpush.ews.status-frequency", warnings), "legacy EwsFrequency");
        yaml.raw("status-grace", minutes(legacy, LegacySettings.EWS_FREQUENCY_DELAY, 5, 0, 1440,
                "rxpush.ews.status-grace", warnings), "legacy EwsFrequencyDelay");
        yaml.comment("The old service read the EWS endpoint and account from ResourceXpress; set them here:");
        yaml.comment("url: https://mail.contoso.com/EWS/Exchange.asmx");
        yaml.comment("username: svc-rxpush@contoso.com");
        yaml.comment("password: (prefer the environment variable RXPUSH_EWS_PASSWORD)");
        yaml.close();
        if (!impersonation) {
            warnings.add("UseImpersonation is false: Exchange refuses push subscriptions made through delegate access"
                    + " (ErrorSubscriptionDelegateAccessNotSupported), so every EWS room but the service account's own"
                    + " mailbox will be parked; set rxpush.ews.use-impersonation: true and grant the account the"
                    + " ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation)");
        }
        if (!impersonation && mailboxes.size() > MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION) {
            warnings.add("UseImpersonation is false but " + mailboxes.size() + " EWS mailboxes are listed: Exchange allows "
                    + MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION + " without impersonation and rx-push will refuse to start; "
                    + "set rxpush.ews.use-impersonation: true and grant the account the ApplicationImpersonation role");
        } else if (!impersonation && mailboxes.isEmpty()) {
            warnings.add("UseImpersonation is false: rx-push refuses more than " + MAX_EWS_MAILBOXES_WITHOUT_IMPERSONATION
                    + " EWS mailboxes without rxpush.ews.use-impersonation: true");
        }

        yaml.open("subscription");
        yaml.raw("process-interval", minutes(legacy, LegacySettings.PROCESS_SUBSCRIPTION_INTERVAL, 1, 1, 1440,
                "rxpush.subscription.process-interval", warnings), "legacy ProcessSubscriptionInterval");
        yaml.close();

        if (!mailboxes.isEmpty()) {
            yaml.open("mailboxes");
            for (String mailbox : new LinkedHashSet<>(mailboxes)) {
                yaml.item("address", mailbox.trim().toLowerCase(Locale.ROOT), "protocol", "EWS");
            }
            yaml.close();
        }
        yaml.close();

        legacy.appSettings().keySet().stream()
                .filter(key -> !KNOWN.contains(key.toLowerCase(Locale.ROOT)))
                .forEach(key -> warnings.add("appSetting " + key + " is not used by rx-push and was not translated"));
        return new ImportResult(yaml.text(), warnings);
    }

    private static String minutes(LegacySettings legacy, String key, int fallback, int min, int max, String property,
            List<String> warnings) {
        String raw = legacy.get(key);
        if (raw == null) {
            warnings.add(key + " is not set: " + property + " uses the default, " + fallback + " minutes");
            return fallback + "m";
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                int clamped = Math.max(min, Math.min(max, value));
                warnings.add(key + "=" + raw + " is outside " + min + "-" + max + " minutes: " + property + " set to " + clamped);
                return clamped + "m";
            }
            return value + "m";
        } catch (NumberFormatException e) {
            warnings.add(key + "=" + raw + " is not a whole number of minutes: " + property + " uses the default, "
                    + fallback + " minutes");
            return fallback + "m";
        }
    }

    private static boolean booleanSetting(LegacySettings legacy, String key, boolean fallback, List<String> warnings) {
        String raw = legacy.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        warnings.add(key + "=" + raw + " is not true or false: using " + fallback);
        return fallback;
    }

    private static void checkUrl(String url, String key, String property, List<String> warnings) {
        if (host(url) == null) {
            warnings.add(key + "=" + url + " is not an absolute http(s) URL: fix " + property);
        }
    }

    static String host(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isLocal(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1") || host.endsWith(".local") || host.endsWith(".localdomain") || !host.contains("."));
    }

    static boolean isPrivate(String host) {
        if (host.endsWith(".internal") || host.endsWith(".lan") || host.endsWith(".corp") || host.endsWith(".home")) {
            return true;
        }
        String[] octets = host.split("\\.");
        if (octets.length != 4 || !host.matches("[0-9.]+")) {
            return false;
        }
        int a = Integer.parseInt(octets[0]);
        int b = Integer.parseInt(octets[1]);
        return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254);
    }
}
