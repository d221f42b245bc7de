package rxpush.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.ingress.IngressApplication;
import rxpush.testsupport.KafkaTestBroker;
import rxpush.testsupport.WithKafka;

/**
 * rxpush.tls.versions on a notification port that terminates TLS itself: the listed versions are
 * served, others are not, and legacy versions are refused with a warning unless allowed.
 */
@WithKafka
@ExtendWith(OutputCaptureExtension.class)
class TlsIT {

    private static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;
    private static Path keyStore;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        keyStore = dir.resolve("ingress.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ingress", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void servesOnlyTheConfiguredVersion(KafkaTestBroker broker) throws Exception {
        try (ConfigurableApplicationContext ingress = start(broker, "1.3")) {
            int port = port(ingress);

            assertThat(handshake(port, "TLSv1.3")).isTrue();
            assertThat(handshake(port, "TLSv1.2")).isFalse();
        }
    }

    @Test
    void legacyValueServesOnlyItsSafeVersionAndWarns(KafkaTestBroker broker, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext ingress = start(broker, "1.0,1.1,1.2")) {
            int port = port(ingress);

            assertThat(handshake(port, "TLSv1.2")).isTrue();
            assertThat(handshake(port, "TLSv1.3")).as("not listed").isFalse();
            assertThat(output.getOut()).contains("rxpush.tls.versions lists [TLSv1, TLSv1.1], which are refused");
        }
    }

    private static ConfigurableApplicationContext start(KafkaTestBroker broker, String versions) {
        return IngressApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--management.server.port=0",
                "--server.ssl.key-store=" + keyStore,
                "--server.ssl.key-store-type=PKCS12",
                "--server.ssl.key-store-password=" + PASSWORD,
                "--rxpush.tls.versions=" + versions);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** True when a client offering only {@code protocol} completes a handshake. */
    private static boolean handshake(int port, String protocol) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(List.of(protocol).toArray(String[]::new));
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return protocol.equals(socket.getSession().getProtocol());
        } catch (IOException e) {
            return false;
        }
    }
}
