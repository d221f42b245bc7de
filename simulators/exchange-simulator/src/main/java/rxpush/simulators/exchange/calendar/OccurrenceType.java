package rxpush.simulators.exchange.calendar;

/** What a calendar entry is in a series, with EWS CalendarItemType and Graph event type names. */
public enum OccurrenceType {
    SINGLE("Single", "singleInstance"),
    OCCURRENCE("Occurrence", "occurrence"),
    EXCEPTION("Exception", "exception"),
    SERIES_MASTER("RecurringMaster", "seriesMaster");

    private final String ews;
    private final String graph;

    OccurrenceType(String ews, String graph) {
        this.ews = ews;
        this.graph = graph;
    }

    public String ews() {
        return ews;
    }

    public String graph() {
        return graph;
    }
}
