package rxpush.simulators.exchange.ews;

import java.util.Locale;

/**
 * Who is calling: the authenticated account (Basic user name, or "anonymous"), the mailbox named in
 * ExchangeImpersonation (null without it), and the requested schema version.
 */
record EwsCaller(String account, String impersonated, String version) {

    /** The budget key for subscription counting: the impersonated mailbox, else the account. */
    String budgetKey() {
        return (impersonated != null ? impersonated : account).toLowerCase(Locale.ROOT);
    }

    boolean is2007() {
        return version == null || version.startsWith("Exchange2007");
    }
}
