package rxpush.common.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * TLS for rx-push's outgoing EWS connections: TLS 1.3 and 1.2 only, the JDK's trust store (plus an
 * optional one for an internal CA) and hostname verification. It replaces ews-java-api 2.0's own
 * socket factory, whose trust manager accepts any self-signed certificate and so hands the service
 * account's password to whoever sits on the network path. A failed handshake names the host and the
 * protocol versions offered, so "the server only speaks TLS 1.0" is readable from the error.
 */
public final class OutboundTls {

    /** Offered in this order; TLS 1.0/1.1 are disabled by the JDK and by Microsoft for Exchange. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private OutboundTls() {
    }

    /** The socket factory for ews-java-api's HTTP client. */
    public static SSLConnectionSocketFactory socketFactory(Path trustStore, String password) {
        return new Verified(context(trustStore, password));
    }

    /** An SSLContext trusting the JDK's CAs and, when given, those of {@code trustStore}. */
    public static SSLContext context(Path trustStore, String password) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null));
            if (trustStore != null) {
                KeyStore extra = KeyStore.getInstance(trustStore.toString().toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".jks") ? "JKS" : "PKCS12");
                try (InputStream in = Files.newInputStream(trustStore)) {
                    extra.load(in, password == null ? null : password.toCharArray());
                }
                managers.add(trustManager(extra));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOf(managers)}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("rxpush.ews.trust-store " + trustStore + " cannot be loaded ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Trusts a chain when one of the managers (JDK CAs, the extra store) does: full PKIX checks each. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("rx-push does not accept client connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException first = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            managers.forEach(m -> Collections.addAll(all, m.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    /** Hostname-verifying factory whose handshake errors say where and with which versions. */
    private static final class Verified extends SSLConnectionSocketFactory {

        Verified(SSLContext context) {
            super(context, PROTOCOLS, null, new DefaultHostnameVerifier());
        }

        @Override
        public Socket connectSocket(int timeout, Socket socket, HttpHost host, InetSocketAddress remote,
                InetSocketAddress local, HttpContext context) throws IOException {
            try {
                return super.connectSocket(timeout, socket, host, remote, local, context);
            } catch (SSLHandshakeException e) {
                SSLHandshakeException named = new SSLHandshakeException("TLS handshake with " + host.getHostName() + ":"
                        + remote.getPort() + " failed (offered " + String.join(", ", PROTOCOLS) + "; certificate checked"
                        + " against the JDK trust store" + "): " + e.getMessage());
                named.initCause(e);
                throw named;
            }
        }
    }
}
