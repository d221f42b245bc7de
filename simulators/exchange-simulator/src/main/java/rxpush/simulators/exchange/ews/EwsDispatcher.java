package rxpush.simulators.exchange.ews;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/**
 * Handles one POST to /EWS/Exchange.asmx: latency and throttling faults first (ErrorServerBusy
 * with BackOffMilliseconds, as a SOAP fault with HTTP 500), then the envelope (namespace-aware),
 * the RequestServerVersion and ExchangeImpersonation headers, and the operation.
 */
final class EwsDispatcher {

    /** HTTP status, SOAP body and the work to start after the answer was sent. */
    record Answer(int status, String body, Runnable afterResponse) {
    }

    private final Map<String, EwsOperation> operations;
    private final EwsAccess access;
    private final Stats stats;
    private final Faults faults;

    EwsDispatcher(List<EwsOperation> operations, EwsAccess access, Stats stats, Faults faults) {
        this.operations = operations.stream().collect(Collectors.toMap(EwsOperation::name, Function.identity()));
        this.access = access;
        this.stats = stats;
        this.faults = faults;
    }

    Answer handle(byte[] body, String account) {
        faults.applyLatency();
        try {
            if (faults.ewsBusyNow()) {
                throw EwsFault.serverBusy(faults.state().ewsBackOff());
            }
            Document document = SecureXml.parse(body == null ? new byte[0] : body);
            Element envelope = document.getDocumentElement();
            if (!"Envelope".equals(envelope.getLocalName()) || !Soap.ENVELOPE_NS.equals(envelope.getNamespaceURI())) {
                throw EwsFault.schema("the root element must be a SOAP 1.1 Envelope");
            }
            Element header = SecureXml.child(envelope, Soap.ENVELOPE_NS, "Header");
            Element requestBody = SecureXml.child(envelope, Soap.ENVELOPE_NS, "Body");
            List<Element> bodyElements = SecureXml.children(requestBody);
            if (bodyElements.size() != 1 || !Soap.MESSAGES_NS.equals(bodyElements.getFirst().getNamespaceURI())) {
                throw EwsFault.schema("the Body must hold exactly one EWS operation");
            }
            Element request = bodyElements.getFirst();
            EwsOperation operation = operations.get(request.getLocalName());
            if (operation == null) {
                stats.increment("ews.unsupported." + request.getLocalName());
                throw new EwsFault("ErrorInvalidRequest", "The request is invalid: the simulator does not implement "
                        + request.getLocalName() + ".");
            }
            EwsCaller caller = new EwsCaller(account, impersonated(header), version(header));
            access.checkImpersonation(caller);
            stats.increment("ews." + operation.name());
            EwsOperation.Result result = operation.handle(request, caller);
            return new Answer(200, Soap.response(result.body()), result.afterResponse());
        } catch (EwsFault fault) {
            stats.increment("ews.fault." + fault.code());
            return new Answer(500, fault.envelope(), null);
        }
    }

    private static String version(Element header) {
        return SecureXml.attribute(SecureXml.child(header, Soap.TYPES_NS, "RequestServerVersion"), "Version");
    }

    private static String impersonated(Element header) {
        Element impersonation = SecureXml.child(header, Soap.TYPES_NS, "ExchangeImpersonation");
        if (impersonation == null) {
            return null;
        }
        Element sid = SecureXml.child(impersonation, Soap.TYPES_NS, "ConnectingSID");
        for (String name : List.of("SmtpAddress", "PrimarySmtpAddress", "PrincipalName")) {
            String value = SecureXml.childText(sid, Soap.TYPES_NS, name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        throw new EwsFault("ErrorNonExistentMailbox",
                "The impersonation header names no SmtpAddress, PrimarySmtpAddress or PrincipalName.");
    }
}
