package rxpush.simulators.exchange.ews;

import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.calendar.Mailbox;
import rxpush.simulators.exchange.control.AccessRules;

/**
 * Exchange's mailbox access rules as far as a room-calendar client meets them.
 *
 * <ul>
 *   <li>With ExchangeImpersonation the caller acts as that mailbox: unknown address:
 *       ErrorNonExistentMailbox (SOAP fault); no ApplicationImpersonation role:
 *       ErrorImpersonateUserDenied (SOAP fault); another mailbox than the impersonated one:
 *       ErrorAccessDenied.</li>
 *   <li>Without it, a distinguished folder needs the mailbox's address (ErrorMissingEmailAddress;
 *       the service account has no mailbox), and when impersonation is required another mailbox than
 *       the account's own is ErrorAccessDenied (delegate access is otherwise allowed).</li>
 *   <li>A push subscription on another mailbox than the account's own without impersonation is
 *       ErrorSubscriptionDelegateAccessNotSupported: Exchange does not support subscriptions through
 *       delegate access (Microsoft, "Handling delegation-related errors in EWS in Exchange"). Judged for
 *       authenticated accounts; the anonymous test mode (no credentials configured) judges no access.</li>
 *   <li>{@link AccessRules} can deny impersonation of single mailboxes (a role assignment scope that
 *       does not cover them): ErrorImpersonateUserDenied for those only.</li>
 * </ul>
 */
final class EwsAccess {

    private final CalendarStore store;
    private final boolean requireImpersonation;
    private final boolean impersonationAllowed;
    private final AccessRules rules;
    private final boolean authenticated;

    EwsAccess(CalendarStore store, boolean requireImpersonation, boolean impersonationAllowed, AccessRules rules,
              boolean authenticated) {
        this.store = store;
        this.requireImpersonation = requireImpersonation;
        this.impersonationAllowed = impersonationAllowed;
        this.rules = rules;
        this.authenticated = authenticated;
    }

    /** Checks the impersonation header itself; run once per request, before the operation. */
    void checkImpersonation(EwsCaller caller) {
        if (caller.impersonated() == null) {
            return;
        }
        if (!impersonationAllowed || rules.ewsImpersonationDenied(caller.impersonated())) {
            throw new EwsFault("ErrorImpersonateUserDenied",
                    "The account does not have permission to impersonate the requested user.");
        }
        if (store.byAddress(caller.impersonated()).isEmpty()) {
            throw new EwsFault("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.");
        }
    }

    /** The mailbox a distinguished folder refers to; {@code address} is its Mailbox element (or null). */
    Mailbox mailboxFor(EwsCaller caller, String address) {
        if (address == null) {
            if (caller.impersonated() != null) {
                return store.byAddress(caller.impersonated()).orElseThrow();
            }
            Mailbox own = store.byAddress(caller.account()).orElse(null);
            if (own != null) {
                return own;
            }
            throw new EwsError("ErrorMissingEmailAddress", "When making a request as an account that does not"
                    + " have a mailbox, you must specify the mailbox primary SMTP address for any distinguished"
                    + " folder Ids.");
        }
        Mailbox mailbox = store.byAddress(address).orElseThrow(() -> new EwsError("ErrorNonExistentMailbox",
                "The SMTP address has no mailbox associated with it."));
        check(caller, mailbox);
        return mailbox;
    }

    /** A push subscription on {@code mailbox}: the mailbox itself or impersonation, never a delegate. */
    void checkSubscribe(EwsCaller caller, Mailbox mailbox) {
        if (authenticated && caller.impersonated() == null && !caller.account().equalsIgnoreCase(mailbox.address())) {
            throw new EwsError("ErrorSubscriptionDelegateAccessNotSupported",
                    "Subscriptions are not supported for delegate user access.");
        }
    }

    /** Whether the caller may touch {@code mailbox} (e.g. the mailbox an item id points into). */
    void check(EwsCaller caller, Mailbox mailbox) {
        if (caller.impersonated() != null) {
            if (!caller.impersonated().equalsIgnoreCase(mailbox.address())) {
                throw EwsError.accessDenied();
            }
            return;
        }
        if (requireImpersonation && !caller.account().equalsIgnoreCase(mailbox.address())) {
            throw EwsError.accessDenied();
        }
    }
}
