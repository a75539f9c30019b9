package jp.shomei.ca.authority;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CA generations Shomei knows, per kind, with the one that issues today. Older generations stay
 * known so that certificates they issued can still be checked.
 */
public final class CertificateAuthorities {

    private final Map<CaKind, List<CaGeneration>> generations;

    public CertificateAuthorities(Map<CaKind, List<CaGeneration>> generations) {
        Map<CaKind, List<CaGeneration>> copy = new EnumMap<>(CaKind.class);
        for (CaKind kind : CaKind.values()) {
            List<CaGeneration> ofKind = List.copyOf(Objects.requireNonNull(generations.get(kind),
                    () -> "no certificate authority for " + kind));
            if (ofKind.isEmpty()) {
                throw new IllegalArgumentException("no certificate authority for " + kind);
            }
            copy.put(kind, ofKind);
        }
        this.generations = copy;
    }

    /** The newest generation of this kind: the one that signs new certificates. */
    public CaGeneration issuing(CaKind kind) {
        List<CaGeneration> ofKind = generations.get(kind);
        return ofKind.get(ofKind.size() - 1);
    }

    /** Every generation of this kind, oldest first. */
    public List<CaGeneration> all(CaKind kind) {
        return generations.get(kind);
    }

    /** One numbered generation of a certificate authority. */
    public record CaGeneration(int number, CertificateAuthority authority) {
    }
}
