package jp.shomei.verifier.access;

import io.vertx.core.http.HttpConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.verifier.Verifier;

/**
 * Who is calling: the registered verifier whose client certificate fingerprint matches the one the
 * TLS handshake verified. A certificate the listener trusts but nobody registered (a municipal
 * client's, say) is refused.
 */
public final class VerifierIdentity {

    private final Store store;

    public VerifierIdentity(Store store) {
        this.store = store;
    }

    /** Blocking: reads the registry. */
    public Verifier of(HttpConnection connection) {
        List<Certificate> chain;
        try {
            chain = connection.peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            chain = List.of();
        }
        if (chain == null || chain.isEmpty()) {
            throw new RefusedException(Problem.UNAUTHENTICATED, "a verifier client certificate is required");
        }
        String fingerprint = sha256(chain.get(0));
        return store.read(tx -> tx.verifierByCertificate(fingerprint)).orElseThrow(() -> new RefusedException(
                Problem.UNREGISTERED_VERIFIER, "no verifier is registered with this client certificate (sha256 "
                        + fingerprint + ")"));
    }

    /** The fingerprint a registration records: SHA-256 of the certificate's DER, lowercase hex. */
    public static String sha256(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the client certificate", e);
        }
    }
}
