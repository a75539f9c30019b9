package jp.shomei.ca.verifier;

import java.util.EnumSet;
import java.util.Set;
import jp.shomei.ca.authority.CaKind;

/**
 * The classes of relying parties (DESIGN.md §3): signature verifiers (署名検証者) see signing
 * certificates, authentication verifiers (利用者証明検証者) see authentication certificates, and only
 * a verifier in both classes may map one kind to the other.
 */
public enum VerifierClass {
    SIGNATURE(EnumSet.of(CaKind.SIGNING)),
    AUTHENTICATION(EnumSet.of(CaKind.AUTHENTICATION)),
    BOTH(EnumSet.allOf(CaKind.class));

    private final Set<CaKind> kinds;

    VerifierClass(Set<CaKind> kinds) {
        this.kinds = kinds;
    }

    /** The certificate kinds a verifier of this class may see. */
    public Set<CaKind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    public boolean sees(CaKind kind) {
        return kinds.contains(kind);
    }

    /** The name used on the command line and in the API: "signature", "authentication", "both". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static VerifierClass fromLabel(String label) {
        for (VerifierClass value : values()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown verifier class '" + label + "' (expected signature, authentication or both)");
    }
}
