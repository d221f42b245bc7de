package rxpush.subscription.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rxpush.common.config.EwsSettings;
import rxpush.common.config.GraphSettings;
import rxpush.common.config.MailboxSettings;
import rxpush.common.contract.MailboxRegistration;
import rxpush.common.contract.Protocol;
import rxpush.common.kafka.ContractJson;
import rxpush.subscription.SubscriptionProperties;

/**
 * Adds, changes and removes mailboxes: validates the wish, writes it to the compacted mailbox topic
 * (acks=all) and returns once this instance's view has read it back, so a following GET shows it.
 * The owner of the mailbox's partition (maybe another instance) reacts through its own view.
 */
public final class MailboxRegistry {

    private static final Logger log = LoggerFactory.getLogger(MailboxRegistry.class);

    private final MailboxRegistryView view;
    private final Producer<byte[], byte[]> producer;
    private final EwsSettings ews;
    private final GraphSettings graph;
    private final Clock clock;
    private final Duration timeout;

    public MailboxRegistry(MailboxRegistryView view, Producer<byte[], byte[]> producer, EwsSettings ews,
            GraphSettings graph, Clock clock, Duration timeout) {
        this.view = view;
        this.producer = producer;
        this.ews = ews;
        this.graph = graph;
        this.clock = clock;
        this.timeout = timeout;
    }

    public MailboxRegistryView view() {
        return view;
    }

    /**
     * Registers (or changes) a mailbox.
     *
     * @throws IllegalArgumentException for a bad address, an unconfigured protocol, or a 21st EWS
     *                                  mailbox without impersonation (the message names the setting)
     */
    public synchronized MailboxRegistration put(String address, Protocol protocol, boolean enabled) {
        MailboxRegistration registration = MailboxRegistration.of(address, protocol, enabled, clock.instant());
        SubscriptionProperties.requireProtocolConfigured(protocol, ews, graph);
        if (enabled && protocol == Protocol.EWS) {
            SubscriptionProperties.checkEwsMailboxCount(view.enabledEws(Set.of(registration.address())) + 1, ews);
        }
        write(registration.address(), ContractJson.mapper().writeValueAsBytes(registration));
        log.info("Mailbox {} registered ({}, {})", registration.address(), protocol, enabled ? "enabled" : "disabled");
        return registration;
    }

    /** Removes a mailbox; false when it was not registered. */
    public synchronized boolean remove(String address) {
        String key = address.toLowerCase(java.util.Locale.ROOT);
        if (view.get(key).isEmpty()) {
            return false;
        }
        write(key, null);
        log.info("Mailbox {} removed", key);
        return true;
    }

    /**
     * Writes the configured mailboxes that the registry lacks (or holds with another protocol), then
     * refuses to go on with more than 20 enabled EWS mailboxes without impersonation.
     */
    public void seed(List<MailboxSettings> configured) {
        for (MailboxSettings mailbox : configured) {
            String address = mailbox.address().toLowerCase(java.util.Locale.ROOT);
            MailboxRegistration existing = view.get(address).orElse(null);
            if (existing == null || existing.protocol() != mailbox.protocol()) {
                // An administrator's "disabled" survives a restart; a protocol change in the file wins.
                put(address, mailbox.protocol(), existing == null || existing.enabled());
            }
        }
        SubscriptionProperties.checkEwsMailboxCount(view.enabledEws(Set.of()), ews);
    }

    private void write(String key, byte[] value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(view.topic(), key.getBytes(StandardCharsets.UTF_8),
                    value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            view.awaitPositions(Map.of(new TopicPartition(written.topic(), written.partition()), written.offset() + 1), timeout);
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryUnavailableException("Kafka did not acknowledge the registry write in " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while writing the registry", e);
        }
    }

    /** The registry could not be written (Kafka unavailable): nothing was changed. */
    public static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
