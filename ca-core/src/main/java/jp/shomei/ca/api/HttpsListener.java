package jp.shomei.ca.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Set;

/**
 * An HTTPS listener that asks every client for a certificate issued by the trusted CA. The handshake
 * accepts clients without one, so that /health and /metrics stay reachable and API routes can refuse
 * them with a problem body instead of a bare TLS alert.
 */
public final class HttpsListener {

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /**
     * Forward-secret AEAD suites only (docs/SECURITY.md): the TLS 1.3 suites, and for TLS 1.2 ECDHE
     * with AES-GCM or ChaCha20-Poly1305. No CBC, no static RSA key exchange, no SHA-1 MACs.
     */
    static final Set<String> CIPHER_SUITES = Set.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private HttpsListener() {
    }

    public static Future<HttpServer> start(Vertx vertx, Router router, String host, int port, Path serverCertificate,
                                           Path serverKey, Path trustedClientIssuer) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(serverCertificate.toString())
                        .setKeyPath(serverKey.toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(trustedClientIssuer.toString()))
                .setClientAuth(ClientAuth.REQUEST)
                .setEnabledSecureTransportProtocols(PROTOCOLS);
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return vertx.createHttpServer(options).invalidRequestHandler(InvalidRequests::answer).requestHandler(router)
                .listen();
    }
}
