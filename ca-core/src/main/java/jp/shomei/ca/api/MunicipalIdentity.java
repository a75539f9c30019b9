package jp.shomei.ca.api;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import io.vertx.core.http.HttpConnection;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.resident.Municipality;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who is calling, from the client certificate the TLS handshake verified against the operations CA.
 * A municipal credential names its municipality by code in the only OU of its subject, for example
 * {@code CN=Chiyoda-ku issuance system, OU=131016, O=Shomei Municipal Systems, C=JP}. The loss-report
 * call centre's credential has {@code OU=call-centre} instead, and may only suspend.
 */
public final class MunicipalIdentity {

    /** The OU value that marks the call centre's credential. */
    public static final String CALL_CENTRE_UNIT = "call-centre";

    private MunicipalIdentity() {
    }

    public static Actor of(HttpConnection connection) {
        List<Certificate> chain;
        try {
            chain = connection.peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            chain = List.of();
        }
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate client)) {
            throw new RefusedException(Problem.UNAUTHENTICATED, "a municipal client certificate is required");
        }
        return of(client);
    }

    public static Actor of(X509Certificate client) {
        X500Name subject = X500Name.getInstance(client.getSubjectX500Principal().getEncoded());
        RDN[] units = subject.getRDNs(BCStyle.OU);
        Optional<String> code = units.length == 1
                ? Optional.of(IETFUtils.valueToString(units[0].getFirst().getValue()))
                : Optional.empty();
        RDN[] commonNames = subject.getRDNs(BCStyle.CN);
        String name = commonNames.length == 0 ? "" : IETFUtils.valueToString(commonNames[0].getFirst().getValue());
        if (code.equals(Optional.of(CALL_CENTRE_UNIT))) {
            return Actor.callCentre("CN=" + name);
        }
        if (code.isEmpty() || !Municipality.isValidCode(code.get())) {
            throw new RefusedException(Problem.UNAUTHENTICATED, "the client certificate does not name a municipality"
                    + " (one OU with a six-digit local government code) or the call centre (OU=" + CALL_CENTRE_UNIT + ")");
        }
        return new Actor(code.get(), "CN=" + name);
    }
}
