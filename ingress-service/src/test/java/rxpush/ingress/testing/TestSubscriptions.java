package rxpush.ingress.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import rxpush.common.contract.Protocol;
import rxpush.common.contract.SchemaVersions;
import rxpush.common.contract.SecretHash;
import rxpush.common.contract.SubscriptionHealth;
import rxpush.common.contract.SubscriptionState;
import rxpush.common.contract.SubscriptionStatus;
import rxpush.common.kafka.ContractSerializer;
import rxpush.common.kafka.Topics;
import rxpush.ingress.registry.SubscriptionRegistry;
import rxpush.testsupport.KafkaTestBroker;

/**
 * Writes subscription states to the registry topic, as the subscription service does, and waits
 * until the ingress registry has read them. Every state gets a unique id and mailbox. Creating
 * one waits until the registry has loaded.
 */
public final class TestSubscriptions implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;
    private final SubscriptionRegistry registry;

    public TestSubscriptions(String bootstrapServers, SubscriptionRegistry registry) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ContractSerializer<>());
        this.registry = registry;
        // Until loaded every endpoint answers 503: tests start once it is.
        await().atMost(Duration.ofSeconds(30)).until(registry::loaded);
    }

    /** A unique mailbox address. */
    public static String mailbox() {
        return KafkaTestBroker.unique("room") + "@example.com";
    }

    /** An EWS subscription with {@code token} in its URL, known to the registry on return. */
    public SubscriptionState ews(String mailbox, String token, String subscriptionId, SubscriptionStatus status) {
        SubscriptionState state = new SubscriptionState(SchemaVersions.CURRENT, KafkaTestBroker.unique("sub"), mailbox,
                Protocol.EWS, subscriptionId, status, Instant.now(), null, null, null, 1, SecretHash.hash(token), null,
                SubscriptionHealth.HEALTHY, null, null, null, Instant.now());
        write(state);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forEwsToken(token)
                .filter(state::equals).isPresent());
        return state;
    }

    /** An ACTIVE EWS subscription. */
    public SubscriptionState ews(String mailbox, String token, String subscriptionId) {
        return ews(mailbox, token, subscriptionId, SubscriptionStatus.ACTIVE);
    }

    /** A Graph subscription with this clientState, known to the registry on return. */
    public SubscriptionState graph(String mailbox, String subscriptionId, String clientState, SubscriptionStatus status) {
        SubscriptionState state = new SubscriptionState(SchemaVersions.CURRENT, KafkaTestBroker.unique("sub"), mailbox,
                Protocol.GRAPH, subscriptionId, status, Instant.now(), Instant.now().plusSeconds(3600), null, null, 1,
                null, SecretHash.hash(clientState), SubscriptionHealth.HEALTHY, null, null, null, Instant.now());
        write(state);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forGraphSubscription(subscriptionId)
                .filter(state::equals).isPresent());
        return state;
    }

    /**
     * A Graph subscription whose notificationUrl carries {@code token} (as the subscription service
     * creates them), known to the registry on return.
     */
    public SubscriptionState graphWithToken(String mailbox, String subscriptionId, String clientState, String token) {
        SubscriptionState state = new SubscriptionState(SchemaVersions.CURRENT, KafkaTestBroker.unique("sub"), mailbox,
                Protocol.GRAPH, subscriptionId, SubscriptionStatus.ACTIVE, Instant.now(), Instant.now().plusSeconds(3600),
                null, null, 1, SecretHash.hash(token), SecretHash.hash(clientState), SubscriptionHealth.HEALTHY, null, null,
                null, Instant.now());
        write(state);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.forGraphToken(token).filter(state::equals).isPresent());
        return state;
    }

    /** Writes the state (or a tombstone when {@code state} is null) under {@code id}. */
    public void write(String id, SubscriptionState state) {
        try {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, id, state)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write subscription " + id, e);
        }
    }

    public void write(SubscriptionState state) {
        write(state.id(), state);
    }

    @Override
    public void close() {
        producer.close();
    }
}
