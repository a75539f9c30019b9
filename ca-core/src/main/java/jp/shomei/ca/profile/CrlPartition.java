package jp.shomei.ca.profile;

import java.math.BigInteger;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JpkiNames;
import jp.shomei.ca.resident.Municipality;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * One CRL of a partitioned hierarchy, as named in the certificates it covers: a directory name, as
 * JPKI uses, and the HTTP URL where Shomei publishes it. Signing certificates are partitioned by
 * municipality, as in JPKI. Authentication certificates are partitioned by serial number instead,
 * because their distribution point would otherwise reveal where the holder lives.
 *
 * @param id the partition's name within its hierarchy, stored with each certificate: the municipality
 *     code for signing ("131016"), the bucket for authentication ("b07")
 */
public record CrlPartition(String id, X500Name dirName, String uri) {

    /** Authentication certificates are spread over this many CRLs by {@code serial mod AUTHENTICATION_BUCKETS}. */
    public static final int AUTHENTICATION_BUCKETS = 64;

    private static final String DISTRIBUTION_POINTS = "CRL Distribution Points";

    /**
     * CN=&lt;municipality&gt; CRLDP, OU=&lt;prefecture&gt;, OU=CRL Distribution Points, OU=JPKI for digital
     * signature, O=JPKI, C=JP and {@code <base>/crl/sign/<municipality code>.crl}.
     */
    public static CrlPartition forSigning(Municipality municipality, CrlBaseUrl base) {
        X500Name dirName = JpkiNames.jpki(CaKind.SIGNING)
                .organizationalUnit(DISTRIBUTION_POINTS)
                .organizationalUnit(municipality.prefectureRomaji())
                .commonName(municipality.nameRomaji() + " CRLDP")
                .build();
        return new CrlPartition(municipality.code(), dirName, url(base, CaKind.SIGNING, municipality.code()));
    }

    /** The authentication partition a certificate with this serial number belongs to. */
    public static CrlPartition forAuthentication(BigInteger serial, CrlBaseUrl base) {
        return forAuthenticationBucket(serial.mod(BigInteger.valueOf(AUTHENTICATION_BUCKETS)).intValueExact(), base);
    }

    /**
     * CN=Partition b07 CRLDP, OU=CRL Distribution Points, OU=JPKI for user authentication, O=JPKI, C=JP
     * and {@code <base>/crl/auth/b07.crl}.
     */
    public static CrlPartition forAuthenticationBucket(int bucket, CrlBaseUrl base) {
        if (bucket < 0 || bucket >= AUTHENTICATION_BUCKETS) {
            throw new IllegalArgumentException("authentication CRL bucket must be 0.." + (AUTHENTICATION_BUCKETS - 1) + ": " + bucket);
        }
        String id = String.format("b%02d", bucket);
        X500Name dirName = JpkiNames.jpki(CaKind.AUTHENTICATION)
                .organizationalUnit(DISTRIBUTION_POINTS)
                .commonName("Partition " + id + " CRLDP")
                .build();
        return new CrlPartition(id, dirName, url(base, CaKind.AUTHENTICATION, id));
    }

    /**
     * Both names as a fullName: what a certificate's CRL distribution point holds, and what the CRL's
     * issuing distribution point must repeat.
     */
    public DistributionPointName distributionPointName() {
        return new DistributionPointName(new GeneralNames(new GeneralName[] {
            new GeneralName(dirName), new GeneralName(GeneralName.uniformResourceIdentifier, uri)}));
    }

    private static String url(CrlBaseUrl base, CaKind kind, String id) {
        return base.resolve("crl/" + kind.pathName() + "/" + id + ".crl");
    }
}
