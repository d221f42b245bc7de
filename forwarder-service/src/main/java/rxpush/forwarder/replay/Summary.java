package rxpush.forwarder.replay;

/**
 * What a replay or a redrive did.
 *
 * @param read    records read in the window (after the mailbox filter)
 * @param pushed  requests RX applied (replay) or dead letters put back on their topic (redrive)
 * @param skipped records that needed nothing: RX already has that version, the item was never
 *                forwarded, noise (replay); other mailboxes or redriven too often (redrive)
 * @param failed  records that failed for good: dead-lettered again (replay) or not written (redrive)
 */
public record Summary(long read, long pushed, long skipped, long failed) {

    @Override
    public String toString() {
        return "read " + read + ", pushed " + pushed + ", skipped as already applied " + skipped + ", failed " + failed;
    }
}
