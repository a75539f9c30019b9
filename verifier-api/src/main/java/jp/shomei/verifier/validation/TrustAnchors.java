package jp.shomei.verifier.validation;

import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.verifier.VerifierClass;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Shomei's trust anchors: every CA generation of both kinds, and for each verifier class only the
 * generations of the kinds it may see. A path is validated against the caller's class's anchors, so
 * a certificate of another class fails exactly as a certificate of a foreign CA does.
 */
public final class TrustAnchors {

    private final Map<VerifierClass, Set<TrustAnchor>> byClass = new EnumMap<>(VerifierClass.class);
    private final Map<X509Certificate, CaKind> kindOfAnchor = new HashMap<>();

    public TrustAnchors(CertificateAuthorities authorities) {
        for (CaKind kind : CaKind.values()) {
            for (CertificateAuthorities.CaGeneration generation : authorities.all(kind)) {
                kindOfAnchor.put(x509(generation.authority().certificate()), kind);
            }
        }
        for (VerifierClass verifierClass : VerifierClass.values()) {
            Set<TrustAnchor> anchors = new HashSet<>();
            kindOfAnchor.forEach((certificate, kind) -> {
                if (verifierClass.sees(kind)) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            });
            byClass.put(verifierClass, Set.copyOf(anchors));
        }
    }

    public Set<TrustAnchor> of(VerifierClass verifierClass) {
        return byClass.get(verifierClass);
    }

    /** The kind of CA a trust anchor certificate belongs to, if it is one of Shomei's. */
    public Optional<CaKind> kindOf(X509Certificate anchor) {
        return Optional.ofNullable(kindOfAnchor.get(anchor));
    }

    public boolean isAnchor(X509Certificate certificate) {
        return kindOfAnchor.containsKey(certificate);
    }

    private static X509Certificate x509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("a CA certificate in the store cannot be read", e);
        }
    }
}
