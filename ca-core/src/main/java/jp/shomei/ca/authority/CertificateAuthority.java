package jp.shomei.ca.authority;

import java.util.Objects;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.cert.X509CertificateHolder;

/** One generation of a JPKI certificate authority: its self-signed certificate and its signing key. */
public record CertificateAuthority(CaKind kind, X509CertificateHolder certificate, SigningKey key) {

    public CertificateAuthority {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }
}
