package rxpush.ingress.kafka;

/**
 * One record a notification request produces: built (and validated by the contract's constructor)
 * before anything is sent, so a request either produces all its records or none.
 *
 * @param topic          destination topic
 * @param key            the lowercased mailbox (per-mailbox ordering)
 * @param value          the contract record (ChangeNotification or LifecycleNotification)
 * @param subscriptionId the Exchange/Graph subscription that delivered it (a header)
 */
public record OutboundRecord(String topic, String key, Object value, String subscriptionId) {
}
