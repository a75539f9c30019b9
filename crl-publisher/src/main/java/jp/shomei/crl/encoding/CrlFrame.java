package jp.shomei.crl.encoding;

import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;

/** Everything of a TBSCertList except its entries: who issues it, when, and its CRL extensions. */
public record CrlFrame(X500Name issuer, Instant thisUpdate, Instant nextUpdate, Extensions extensions) {

    public CrlFrame {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(extensions, "extensions");
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate " + nextUpdate + " must be after thisUpdate " + thisUpdate);
        }
    }
}
