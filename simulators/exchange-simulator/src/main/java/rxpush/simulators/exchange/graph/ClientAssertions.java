package rxpush.simulators.exchange.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entra ID's check of a certificate credential (client_assertion, RFC 7523 / Microsoft's "certificate
 * credentials" page): the header names a registered certificate by x5t (base64url SHA-1 of the DER
 * certificate) or x5t#S256 (SHA-256); the signature verifies with its public key (RS256, or PS256);
 * aud is the token endpoint; iss and sub are the client id; nbf/exp bracket now. Refusals carry
 * Entra's AADSTS codes.
 */
final class ClientAssertions {

    /** A refusal: the OAuth error, the AADSTS code and its description. */
    record Refusal(int status, String error, int code, String description) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final X509Certificate certificate;
    private final String x5t;
    private final String x5tS256;

    ClientAssertions(X509Certificate certificate) {
        this.certificate = certificate;
        try {
            byte[] der = certificate.getEncoded();
            this.x5t = base64Url(MessageDigest.getInstance("SHA-1").digest(der));
            this.x5tS256 = base64Url(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registered certificate of {@code pem}, or null when none is configured. */
    static ClientAssertions fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(Path.of(pem));
            return new ClientAssertions((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("graph.client-certificate " + pem + " is no PEM certificate", e);
        }
    }

    /** Null when the assertion is valid for {@code clientId} at {@code audience}, else why not. */
    Refusal check(String assertion, String clientId, String audience, Instant now) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return new Refusal(400, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (RuntimeException e) {
            return new Refusal(400, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }
        String thumbprint = header.path("x5t").asString("");
        String thumbprint256 = header.path("x5t#S256").asString("");
        if (!x5t.equals(thumbprint) && !x5tS256.equals(thumbprint256)) {
            return new Refusal(401, "invalid_client", 700027, "The certificate with identifier used to sign the client"
                    + " assertion is not registered on application.");
        }
        String alg = header.path("alg").asString("");
        if (!verify(alg, parts)) {
            return new Refusal(401, "invalid_client", 700027, "Client assertion failed signature validation.");
        }
        if (!clientId.equals(claims.path("iss").asString("")) || !clientId.equals(claims.path("sub").asString(""))) {
            return new Refusal(401, "invalid_client", 700021, "Client assertion application identifier doesn't match"
                    + " 'client_id' parameter.");
        }
        if (!audience.equalsIgnoreCase(claims.path("aud").asString(""))) {
            return new Refusal(401, "invalid_client", 700016, "Client assertion audience claim does not match Realm"
                    + " issuer.");
        }
        long epoch = now.getEpochSecond();
        long nbf = claims.path("nbf").asLong(0);
        long exp = claims.path("exp").asLong(0);
        if (exp <= epoch || nbf > epoch + 300) {
            return new Refusal(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }
        return null;
    }

    private boolean verify(String alg, String[] parts) {
        try {
            Signature signature;
            if ("RS256".equals(alg)) {
                signature = Signature.getInstance("SHA256withRSA");
            } else if ("PS256".equals(alg)) {
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return false;
            }
            signature.initVerify(certificate.getPublicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
