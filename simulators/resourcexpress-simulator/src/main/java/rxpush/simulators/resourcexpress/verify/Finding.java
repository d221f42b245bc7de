package rxpush.simulators.resourcexpress.verify;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One difference between RX and Exchange.
 *
 * @param bookingId the RX booking
 * @param mailbox the mailbox (from the truth, else from RX's booking)
 * @param itemId the Exchange item id
 * @param truth Exchange's version, if Exchange has the item
 * @param rx RX's version, if RX holds the booking
 * @param timesApplied how often RX applied this version (duplicate-applied only)
 * @param detail why it is a finding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String bookingId, String mailbox, String itemId, Version truth, Version rx,
        Integer timesApplied, String detail) {
}
