package jp.shomei.ca.ejbca;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.api.JsonFields;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * How Shomei's two JPKI hierarchies appear under EJBCA's names (docs/ejbca-rest.md): one certificate
 * profile and one CA name per hierarchy, one end entity profile for every resident, and CA DNs written
 * as EJBCA writes them, most specific RDN first.
 */
final class EjbcaNames {

    /** The only end entity profile: a resident of the calling municipality, named by resident code. */
    static final String END_ENTITY_PROFILE = "JPKI_RESIDENT";
    /** An end entity's username: the resident code. */
    static final Pattern RESIDENT_CODE = Pattern.compile("[0-9]{11}");

    private EjbcaNames() {
    }

    /** "JPKI_SIGN" for the signing certificate, "JPKI_AUTH" for the authentication certificate. */
    static String certificateProfile(CaKind kind) {
        return "JPKI_" + kind.pathName().toUpperCase(java.util.Locale.ROOT);
    }

    /** "JPKI_SIGN_CA" or "JPKI_AUTH_CA". */
    static String caName(CaKind kind) {
        return certificateProfile(kind) + "_CA";
    }

    static Optional<CaKind> kindOfCertificateProfile(String name) {
        return Arrays.stream(CaKind.values()).filter(kind -> certificateProfile(kind).equals(name)).findFirst();
    }

    static Optional<CaKind> kindOfCaName(String name) {
        return Arrays.stream(CaKind.values()).filter(kind -> caName(kind).equals(name)).findFirst();
    }

    /** A CA's subject as EJBCA writes DNs: "OU=...,OU=JPKI for digital signature,O=JPKI,C=JP". */
    static String dn(X500Name name) {
        RDN[] rdns = name.getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed).toString();
    }

    /**
     * The hierarchy whose CA has this subject DN, written in either RDN order (Bouncy Castle compares
     * names both ways, ignoring case and string types). A DN that does not parse is 400; one that names
     * no Shomei CA is 404, as EJBCA answers for an unknown CA.
     */
    static CaKind kindOfCaDn(String text, CertificateAuthorities authorities) {
        X500Name requested;
        try {
            requested = new X500Name(BCStyle.INSTANCE, text);
        } catch (IllegalArgumentException e) {
            throw new EjbcaError(400, "Invalid DN '" + JsonFields.abbreviate(text) + "': " + e.getMessage());
        }
        for (CaKind kind : CaKind.values()) {
            if (authorities.issuing(kind).authority().certificate().getSubject().equals(requested)) {
                return kind;
            }
        }
        throw new EjbcaError(404, "CA '" + JsonFields.abbreviate(text) + "' does not exist.");
    }
}
