package rxpush.simulators.resourcexpress.faults;

/** How RX looks while a down window is open. */
public enum DownMode {
    /** Every RX API request gets 503 without Retry-After (an app pool that is down). */
    UNAVAILABLE,
    /** The connection is closed without an answer: the client sees an I/O error, as when refused. */
    DROP
}
