package jp.shomei.ocsp.issuer;

import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;

/** One CA generation this responder answers for; identified by kind and generation alone. */
public record ServedIssuer(CaKind kind, int generation, CertificateAuthority authority) {

    // Used as a map key on every request: comparing the certificate and key too would cost for nothing.
    @Override
    public boolean equals(Object other) {
        return other instanceof ServedIssuer that && kind == that.kind && generation == that.generation;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + generation;
    }
}
