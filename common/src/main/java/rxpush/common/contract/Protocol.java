package rxpush.common.contract;

/** How rx-push talks to a mailbox: EWS push subscriptions (on-premises) or Graph webhooks (Office 365). */
public enum Protocol {
    EWS,
    GRAPH;

    public Source source() {
        return this == EWS ? Source.EWS : Source.GRAPH;
    }
}
