package rxpush.forwarder.exchange;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import rxpush.common.exchange.EwsServiceFactory;

/**
 * Reuses ExchangeService instances (each holds an HTTP connection pool, so a new one per request
 * would pay a TCP/TLS/NTLM handshake every time). One caller at a time per instance: borrow, use,
 * give back. A reused instance is pointed at the next mailbox the way {@link EwsServiceFactory#open}
 * sets up a new one: impersonation (when configured) and X-AnchorMailbox.
 */
final class EwsSessions implements AutoCloseable {

    private final EwsServiceFactory factory;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<ExchangeService> idle = new ConcurrentLinkedDeque<>();

    EwsSessions(EwsServiceFactory factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    <R> R with(String mailbox, Function<ExchangeService, R> work) {
        ExchangeService service = idle.pollFirst();
        if (service == null) {
            service = factory.open(mailbox);
        } else {
            if (factory.settings().useImpersonation()) {
                service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox));
            }
            service.getHttpHeaders().put("X-AnchorMailbox", mailbox);
        }
        try {
            return work.apply(service);
        } finally {
            if (idle.size() < maxIdle) {
                idle.addFirst(service);
            } else {
                service.close();
            }
        }
    }

    @Override
    public void close() {
        ExchangeService service;
        while ((service = idle.pollFirst()) != null) {
            service.close();
        }
    }
}
