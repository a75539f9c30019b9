package jp.shomei.crl.content;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.profile.CrlPartition;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * The set of certificates one CRL speaks for: a partition of end-entity certificates, or the CA
 * certificates of a hierarchy (the authority revocation list).
 *
 * @param id the file name within the CA: a municipality code, an authentication bucket, or "arl"
 * @param issuingDistributionPoint written critical into every CRL of the scope, full and delta alike
 * @param deltaUrl where the scope's delta CRL is published; absent for the authority revocation list
 */
public record CrlScope(CaKind kind, String id, IssuingDistributionPoint issuingDistributionPoint,
                       Optional<String> deltaUrl) {

    /** The id of each CA's authority revocation list. */
    public static final String AUTHORITY_REVOCATION_LIST = "arl";

    private static final Pattern ID = Pattern.compile("[0-9]{6}|b[0-9]{2}|" + AUTHORITY_REVOCATION_LIST);

    public CrlScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuingDistributionPoint, "issuingDistributionPoint");
        Objects.requireNonNull(deltaUrl, "deltaUrl");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a CRL scope id: " + id);
        }
    }

    /** Whether a text names a scope id, without building one: what the HTTP route accepts. */
    public static boolean isScopeId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /**
     * The CRL of one partition: its issuing distribution point repeats the certificates' CRL
     * distribution point exactly (RFC 5280 section 5.2.5), and it covers end-entity certificates only.
     */
    public static CrlScope of(CaKind kind, CrlPartition partition) {
        String url = partition.uri();
        if (!url.endsWith(".crl")) {
            throw new IllegalArgumentException("partition URL does not end in .crl: " + url);
        }
        IssuingDistributionPoint idp = new IssuingDistributionPoint(partition.distributionPointName(),
                true, false, null, false, false);
        return new CrlScope(kind, partition.id(), idp,
                Optional.of(url.substring(0, url.length() - ".crl".length()) + ".delta.crl"));
    }

    /**
     * The authority revocation list: the CA certificates of the hierarchy, whose CRL distribution point
     * is the CA's own name.
     */
    public static CrlScope authorityRevocationList(CaKind kind, X500Name caName) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(new GeneralName(caName)));
        return new CrlScope(kind, AUTHORITY_REVOCATION_LIST,
                new IssuingDistributionPoint(name, false, true, null, false, false), Optional.empty());
    }

    /** The name under which a scope's CRL number and base are stored, such as "sign/131016". */
    public static String key(CaKind kind, String id) {
        return kind.pathName() + "/" + id;
    }

    public String key() {
        return key(kind, id);
    }

    public boolean hasDeltas() {
        return deltaUrl.isPresent();
    }
}
