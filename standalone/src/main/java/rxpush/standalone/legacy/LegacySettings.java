package rxpush.standalone.legacy;

import java.util.Map;

/**
 * The appSettings of the Windows Push Service's RXPushService.exe.config, as read, untranslated.
 * Keys are matched case-insensitively, as .NET's ConfigurationManager does.
 */
record LegacySettings(Map<String, String> appSettings) {

    static final String EWS_FREQUENCY = "EwsFrequency";
    static final String EWS_FREQUENCY_DELAY = "EwsFrequencyDelay";
    static final String PROCESS_SUBSCRIPTION_INTERVAL = "ProcessSubscriptionInterval";
    static final String TENANT_URL = "TenantUrl";
    static final String NOTIFICATION_URL = "NotificationUrl";
    static final String USE_IMPERSONATION = "UseImpersonation";
    static final String API_KEY = "ApiKey";
    static final String USE_TLS_VERSION = "UseTLSVersion";

    /** The value of a legacy key, or null when absent or blank. */
    String get(String key) {
        return appSettings.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .filter(v -> v != null && !v.isBlank())
                .map(String::trim)
                .findFirst().orElse(null);
    }
}
