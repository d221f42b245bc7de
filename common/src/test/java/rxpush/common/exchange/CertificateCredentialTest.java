package rxpush.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rxpush.common.kafka.ContractJson;
import rxpush.testsupport.TestCertificates;
import tools.jackson.databind.JsonNode;

/** The client_assertion as Microsoft's "certificate credentials" page specifies it. */
class CertificateCredentialTest {

    @TempDir
    static Path dir;
    static Path p12;

    @BeforeAll
    static void keys() {
        p12 = TestCertificates.selfSigned(dir, "app", "rx-push test app", null);
    }

    private static JsonNode part(String jwt, int index) {
        return ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void theAssertionIsSignedRs256AndNamesTheCertificateByThumbprint() throws Exception {
        CertificateCredential credential = CertificateCredential.load(p12, TestCertificates.PASSWORD, null);
        URI tokenUrl = URI.create("https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token");
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        String jwt = credential.assertion("app-id", tokenUrl, now);

        byte[] der = TestCertificates.certificate(p12).getEncoded();
        JsonNode header = part(jwt, 0);
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("typ").asString()).isEqualTo("JWT");
        assertThat(header.path("x5t").asString()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-1").digest(der)));
        assertThat(header.path("x5t").asString()).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        assertThat(header.path("x5t#S256").asString()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
        JsonNode claims = part(jwt, 1);
        assertThat(claims.path("aud").asString()).isEqualTo(tokenUrl.toString());
        assertThat(claims.path("iss").asString()).isEqualTo("app-id");
        assertThat(claims.path("sub").asString()).isEqualTo("app-id");
        assertThat(claims.path("jti").asString()).isNotBlank();
        assertThat(claims.path("nbf").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(now.getEpochSecond() + 600);

        String[] parts = jwt.split("\\.");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(TestCertificates.certificate(p12).getPublicKey());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(credential.assertion("app-id", tokenUrl, now)).isNotEqualTo(jwt); // a fresh jti each time
    }

    @Test
    void pemFilesGiveTheSameCredentialAsPkcs12() throws Exception {
        Path both = Files.writeString(dir.resolve("both.pem"), TestCertificates.certificatePem(p12)
                + TestCertificates.privateKeyPem(p12));
        Path cert = Files.writeString(dir.resolve("cert.pem"), TestCertificates.certificatePem(p12));
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.privateKeyPem(p12));
        String expected = CertificateCredential.load(p12, TestCertificates.PASSWORD, null).x5t();
        assertThat(CertificateCredential.load(both, null, null).x5t()).isEqualTo(expected);
        assertThat(CertificateCredential.load(cert, null, key).x5t()).isEqualTo(expected);
    }

    @Test
    void unusableKeysAreRefusedWithTheFix() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), TestCertificates.certificatePem(p12)
                + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateCredential.load(pkcs1, null, null))
                .hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> CertificateCredential.load(p12, "wrong", null))
                .hasMessageContaining("rxpush.graph.certificate").hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> CertificateCredential.load(dir.resolve("missing.p12"), null, null))
                .hasMessageContaining("cannot read");
    }
}
