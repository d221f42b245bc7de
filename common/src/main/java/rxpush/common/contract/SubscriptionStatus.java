package rxpush.common.contract;

/** Lifecycle of one subscription record. */
public enum SubscriptionStatus {
    /** Being created at Exchange/Graph; notifications for it are already accepted. */
    PENDING,
    /** The subscription that currently serves its mailbox. */
    ACTIVE,
    /** Replaced, or its mailbox removed or disabled: ingress answers EWS pushes with Unsubscribe. */
    OBSOLETE
}
