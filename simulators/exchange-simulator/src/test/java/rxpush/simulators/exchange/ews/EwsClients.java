package rxpush.simulators.exchange.ews;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import rxpush.simulators.exchange.ExchangeSimulator;

/** ews-java-api clients for the simulator, the way rx-push's services build them. */
final class EwsClients {

    private EwsClients() {
    }

    static ExchangeService connect(ExchangeSimulator sim, String user, String password, String impersonate) {
        ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
        service.setUrl(sim.ewsUrl());
        service.setCredentials(new WebCredentials(user, password));
        if (impersonate != null) {
            service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, impersonate));
        }
        return service;
    }

    /** The error ews-java-api read from a SOAP fault, as the ServiceResponseException it wraps. */
    static ServiceResponseException fault(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ServiceResponseException response) {
                return response;
            }
        }
        throw new AssertionError("no ServiceResponseException in " + thrown);
    }
}
