package rxpush.simulators.exchange.calendar;

/** Item sensitivity, with its EWS and Graph names. */
public enum Sensitivity {
    NORMAL("Normal"), PERSONAL("Personal"), PRIVATE("Private"), CONFIDENTIAL("Confidential");

    private final String ews;

    Sensitivity(String ews) {
        this.ews = ews;
    }

    public String ews() {
        return ews;
    }

    public String graph() {
        return ews.toLowerCase(java.util.Locale.ROOT);
    }
}
