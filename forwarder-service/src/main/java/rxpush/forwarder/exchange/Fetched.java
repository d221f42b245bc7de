package rxpush.forwarder.exchange;

import rxpush.common.contract.BookingUpdate;
import rxpush.forwarder.failure.PermanentFailure;

/** What reading one item from Exchange gave. */
public sealed interface Fetched {

    /**
     * A calendar item, mapped. {@code version} names this state of the item for the Idempotency-Key:
     * the change key (EWS ChangeKey, Graph changeKey), or lastModified when there is none.
     */
    record Found(BookingUpdate booking, String version) implements Fetched {
    }

    /** The item no longer exists (or is no longer in the calendar): for RX, a deletion. */
    record Gone() implements Fetched {
    }

    /**
     * The item exists but is no booking: free/busy data ({@code IPM.SchedulePlus.FreeBusy.BinaryData}),
     * a meeting message, a folder. Nothing is pushed.
     */
    record Noise(String what) implements Fetched {
    }

    /** This item cannot be read or mapped, and retrying will not help: dead-letter its records. */
    record Unreadable(PermanentFailure failure) implements Fetched {
    }

    Gone GONE = new Gone();
}
