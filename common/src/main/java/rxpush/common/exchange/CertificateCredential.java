package rxpush.common.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rxpush.common.kafka.ContractJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's certificate credential for Entra ID's client-credentials grant: a {@code client_assertion}
 * JWT signed RS256 with the app's private key, as Microsoft's "certificate credentials" page describes
 * (https://learn.microsoft.com/entra/identity-platform/certificate-credentials). The header names the
 * certificate by {@code x5t} (base64url SHA-1 of its DER encoding) and by {@code x5t#S256} (base64url
 * SHA-256, the thumbprint Microsoft's current guidance prefers); the claims are aud = the token
 * endpoint, iss = sub = the client id, a fresh jti, nbf/iat now and exp ten minutes on.
 *
 * <p>The key is loaded once from a PKCS#12 file (.p12/.pfx) or from PEM (certificate and PKCS#8
 * key, in one file or two). Nothing of the key or the assertion is ever logged.
 */
public final class CertificateCredential {

    /** Microsoft: keep the assertion short-lived, 5-10 minutes after nbf at most. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String x5t;
    private final String x5tS256;

    CertificateCredential(PrivateKey key, X509Certificate certificate) {
        if (!(key instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("rxpush.graph.certificate: Entra ID needs an RSA key (RS256), found "
                    + key.getAlgorithm());
        }
        this.key = key;
        this.certificate = certificate;
        try {
            byte[] der = certificate.getEncoded();
            this.x5t = base64Url(MessageDigest.getInstance("SHA-1").digest(der));
            this.x5tS256 = base64Url(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }

    /** Loads the credential named by {@code rxpush.graph.certificate} (and private-key / certificate-password). */
    public static CertificateCredential load(Path certificate, String password, Path privateKey) {
        try {
            String name = certificate.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                return fromPkcs12(certificate, password);
            }
            String pem = Files.readString(certificate, StandardCharsets.US_ASCII);
            String keyPem = privateKey == null ? pem : Files.readString(privateKey, StandardCharsets.US_ASCII);
            return new CertificateCredential(pemKey(keyPem), pemCertificate(pem));
        } catch (IOException e) {
            throw new IllegalArgumentException("rxpush.graph.certificate: cannot read " + certificate + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("rxpush.graph.certificate: " + certificate + " holds no usable RSA key"
                    + " and certificate (" + e.getClass().getSimpleName() + "; a wrong certificate-password?)", e);
        }
    }

    private static CertificateCredential fromPkcs12(Path file, String password) throws IOException,
            GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                return new CertificateCredential((PrivateKey) store.getKey(alias, secret), cert);
            }
        }
        throw new GeneralSecurityException("no key entry with an X.509 certificate");
    }

    private static X509Certificate pemCertificate(String pem) throws GeneralSecurityException {
        byte[] der = pemBlock(pem, "CERTIFICATE");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    private static PrivateKey pemKey(String pem) throws GeneralSecurityException {
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("rxpush.graph.private-key must be an unencrypted PKCS#8 PEM key"
                    + " (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem,"
                    + " or use a PKCS#12 file");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBlock(pem, "PRIVATE KEY")));
    }

    private static byte[] pemBlock(String pem, String type) throws GeneralSecurityException {
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new GeneralSecurityException("no PEM block " + type);
    }

    /** A signed assertion for {@code clientId} addressed to {@code tokenUrl}, valid from {@code now}. */
    public String assertion(String clientId, URI tokenUrl, Instant now) {
        ObjectNode header = ContractJson.mapper().createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("x5t", x5t);
        header.put("x5t#S256", x5tS256);
        ObjectNode claims = ContractJson.mapper().createObjectNode();
        claims.put("aud", tokenUrl.toString());
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("nbf", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = base64Url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the client assertion: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Base64url SHA-1 of the certificate's DER encoding, as Entra ID shows and matches it. */
    public String x5t() {
        return x5t;
    }

    public String x5tS256() {
        return x5tS256;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "CertificateCredential[x5t=" + x5t + ", subject=" + certificate.getSubjectX500Principal() + "]";
    }
}
