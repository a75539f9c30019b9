package jp.shomei.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The municipal API through the JDK's own HTTP client, with TLS set up from the PEM credentials the
 * server wrote: it trusts only the operations CA and presents the municipality's client certificate.
 */
public final class MunicipalClient {

    /** One answer. Every body is checked on arrival: none may carry a Java stack trace. */
    public record Response(int status, String contentType, String body, Optional<String> retryAfter) {

        public Response {
            assertThat(body).as("response body (status %d)", status).doesNotContain("at jp.").doesNotContain("Exception");
        }

        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final HttpClient http;
    private final String baseUrl;

    private MunicipalClient(SSLContext tls, String baseUrl) {
        // The JDK counts the TLS handshake into the connect timeout: a server JVM that has just started
        // on a busy machine can take longer than 10 s over its first handshake.
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60)).build();
        this.baseUrl = baseUrl;
    }

    public static MunicipalClient withClientCertificate(String baseUrl, Path trustedCa, Path certificate, Path privateKey) {
        try {
            char[] password = randomPassword();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", readPrivateKey(privateKey), password, new Certificate[] {readCertificate(certificate)});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), trustManagers(trustedCa).getTrustManagers(), new SecureRandom());
            return new MunicipalClient(tls, baseUrl);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not set up TLS from " + certificate, e);
        }
    }

    static MunicipalClient withoutClientCertificate(String baseUrl, Path trustedCa) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers(trustedCa).getTrustManagers(), new SecureRandom());
            return new MunicipalClient(tls, baseUrl);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not set up TLS trusting " + trustedCa, e);
        }
    }

    public Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    public Response post(String path, JsonObject body) {
        return post(path, body.encode());
    }

    public Response post(String path, String body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body));
    }

    public Response put(String path, JsonObject body) {
        return put(path, body.encode());
    }

    public Response put(String path, String body) {
        return send("PUT", path, HttpRequest.BodyPublishers.ofString(body));
    }

    /** Any method and content type, for requests the API must turn away. */
    public Response send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    /** An answer whose body is not text, such as a CMP message. */
    public record BinaryResponse(int status, String contentType, byte[] body) {
    }

    /** Any method, content type and binary body, as CMP clients send them. */
    public BinaryResponse sendBytes(String method, String path, String contentType, byte[] body) {
        HttpResponse<byte[]> response = exchange(method, path, contentType, HttpRequest.BodyPublishers.ofByteArray(body),
                HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private Response send(String method, String path, HttpRequest.BodyPublisher body) {
        return send(method, path, "application/json", body);
    }

    private Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpResponse<String> response = exchange(method, path, contentType, body,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("Retry-After"));
    }

    private <T> HttpResponse<T> exchange(String method, String path, String contentType, HttpRequest.BodyPublisher body,
                                         HttpResponse.BodyHandler<T> answer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            return http.send(request, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static TrustManagerFactory trustManagers(Path trustedCa) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("operations-ca", readCertificate(trustedCa));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        return factory;
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) readPem(file));
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) readPem(file));
    }

    private static Object readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
