package rxpush.forwarder.failure;

/**
 * Exchange or Graph refuses one mailbox while the credentials work (Graph 403 on
 * {@code /users/{mailbox}/...}: an application access policy without it; EWS ErrorAccessDenied or
 * ErrorImpersonateUserDenied for it; EWS blocked by policy). The mailbox is parked: its records wait,
 * it is retried on a slow schedule and at once on an operator resync, and every other mailbox keeps
 * flowing. The message names the fix and no secret.
 */
public class MailboxRefused extends RuntimeException {

    private final String mailbox;

    public MailboxRefused(String mailbox, String message, Throwable cause) {
        super(message, cause);
        this.mailbox = mailbox;
    }

    public String mailbox() {
        return mailbox;
    }
}
