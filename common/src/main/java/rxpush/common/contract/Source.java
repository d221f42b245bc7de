package rxpush.common.contract;

/** Where a change hint or a booking came from: on-premises Exchange (EWS) or Office 365 (Graph). */
public enum Source {
    EWS,
    GRAPH
}
