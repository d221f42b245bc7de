package rxpush.common.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import rxpush.common.contract.Protocol;

/**
 * One configured mailbox, {@code rxpush.mailboxes[n].*}.
 *
 * @param address  SMTP address of the room or resource mailbox
 * @param protocol EWS (on-premises Exchange) or GRAPH (Office 365)
 */
public record MailboxSettings(@NotBlank String address, @NotNull Protocol protocol) {
}
