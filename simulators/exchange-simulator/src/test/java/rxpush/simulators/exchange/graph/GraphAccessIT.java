package rxpush.simulators.exchange.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;

/**
 * The token endpoint of one cloud (GCC High here) with a certificate credential, and Graph's
 * per-mailbox access policy.
 */
class GraphAccessIT {

    @TempDir
    static Path dir;
    static ExchangeSimulator sim;
    static PrivateKey key;
    static X509Certificate cert;
    static PrivateKey otherKey;
    static X509Certificate otherCert;

    @BeforeAll
    static void start() throws Exception {
        Object[] registered = keyPair("app");
        key = (PrivateKey) registered[0];
        cert = (X509Certificate) registered[1];
        Object[] other = keyPair("other");
        otherKey = (PrivateKey) other[0];
        otherCert = (X509Certificate) other[1];
        Path pem = Files.writeString(dir.resolve("app.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(2).quietChanges()
                .graphCertificate(pem).graphCloud("https://graph.microsoft.us"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** An RSA key and self-signed certificate made by the JDK's keytool. */
    private static Object[] keyPair(String name) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "k", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, "changeit".toCharArray());
        }
        return new Object[] {store.getKey("k", "changeit".toCharArray()), store.getCertificate("k")};
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String assertion(PrivateKey signWith, X509Certificate named, String aud, Instant now)
            throws Exception {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5t\":\""
                + b64(MessageDigest.getInstance("SHA-1").digest(named.getEncoded())) + "\"}";
        String claims = "{\"aud\":\"" + aud + "\",\"iss\":\"" + sim.clientId() + "\",\"sub\":\"" + sim.clientId()
                + "\",\"jti\":\"" + java.util.UUID.randomUUID() + "\",\"nbf\":" + now.getEpochSecond() + ",\"exp\":"
                + (now.getEpochSecond() + 600) + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(signWith);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rs256.sign());
    }

    private static GraphClient.Answer token(String assertion, String scope) throws IOException, InterruptedException {
        return new GraphClient(sim).tokenRequest("grant_type=client_credentials&client_id=" + sim.clientId()
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&client_assertion=" + assertion + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }

    @Test
    void aSignedAssertionForTheCloudsScopeGetsAToken() throws Exception {
        GraphClient.Answer ok = token(assertion(key, cert, sim.tokenUrl().toString(), sim.now()),
                "https://graph.microsoft.us/.default");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("access_token").asString()).isNotBlank();
    }

    @Test
    void theGlobalScopeIsRefusedInAnotherCloud() throws Exception {
        GraphClient.Answer wrong = token(assertion(key, cert, sim.tokenUrl().toString(), sim.now()),
                "https://graph.microsoft.com/.default");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").asString()).isEqualTo("invalid_resource");
        assertThat(wrong.json().path("error_codes").get(0).asInt()).isEqualTo(500011);
    }

    @Test
    void forgedExpiredOrMisaddressedAssertionsAreRefused() throws Exception {
        String scope = "https://graph.microsoft.us/.default";
        // Signed with another key but naming the registered certificate: the signature does not verify.
        assertThat(token(assertion(otherKey, cert, sim.tokenUrl().toString(), sim.now()), scope).json()
                .path("error_codes").get(0).asInt()).isEqualTo(700027);
        // A certificate the app never registered.
        assertThat(token(assertion(otherKey, otherCert, sim.tokenUrl().toString(), sim.now()), scope).json()
                .path("error_codes").get(0).asInt()).isEqualTo(700027);
        // Expired.
        assertThat(token(assertion(key, cert, sim.tokenUrl().toString(), sim.now().minusSeconds(3600)), scope).json()
                .path("error_codes").get(0).asInt()).isEqualTo(700024);
        // Addressed to another token endpoint.
        assertThat(token(assertion(key, cert, "https://login.microsoftonline.com/x/oauth2/v2.0/token", sim.now()),
                scope).status()).isEqualTo(401);
        // A secret still works for this app.
        assertThat(new GraphClient(sim).tokenRequest("grant_type=client_credentials&client_id=" + sim.clientId()
                + "&client_secret=" + sim.clientSecret() + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
    }

    @Test
    void aMailboxOutsideTheAccessPolicyIs403WhileTheOthersWork() throws Exception {
        String a = sim.mailboxes().get(0);
        String b = sim.mailboxes().get(1);
        sim.access().denyGraph(b, true);
        try {
            String scope = "https://graph.microsoft.us/.default";
            String token = token(assertion(key, cert, sim.tokenUrl().toString(), sim.now()), scope).json()
                    .path("access_token").asString();
            var http = java.net.http.HttpClient.newHttpClient();
            for (String user : new String[] {b, sim.graphUserId(b)}) {
                var denied = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.graphBaseUrl()
                        + "/users/" + user + "/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z"))
                        .header("Authorization", "Bearer " + token).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(denied.body()).contains("ErrorAccessDenied").contains("AccessPolicy");
            }
            var allowed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.graphBaseUrl()
                    + "/users/" + a + "/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z"))
                    .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
        } finally {
            sim.access().denyGraph(b, false);
        }
    }
}
