package jp.shomei.ca.authority;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Creates the self-signed certificate of a new CA generation. The result matches the real JPKI 2023
 * CA certificates field for field (names and their string types, extensions in the same order with
 * the same criticality and values), differing only in key, serial, dates and signature. Like them it
 * has no authorityKeyIdentifier: a verifier picks the generation by signature.
 */
public final class CaCertificateFactory {

    private static final int VALIDITY_YEARS = 10;

    private final Clock clock;

    public CaCertificateFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Self-signs a certificate for {@code key}, valid from now until 23:59:59 JST on the last day of the
     * ten-year period that starts on today's JST date.
     */
    public CertificateAuthority selfSign(CaKind kind, SigningKey key, BigInteger serial) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial number must be positive: " + serial);
        }
        // Certificates carry whole seconds; truncating here keeps notBefore equal to what is encoded.
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = JapanTime.endOf(lastDayOfPeriod(JapanTime.dateOf(notBefore)));
        X500Name name = JpkiNames.certificateAuthority(kind);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());

        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                name, serial, Date.from(notBefore), Date.from(notAfter), name, publicKey);
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(JpkiNames.certificateAuthorityInJapanese(kind))));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.cRLDistributionPoints, false, ownDistributionPoint(name));
            // RFC 5280 method 1: SHA-1 of the subjectPublicKey bit string, as in the real certificates.
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new BcX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode CA certificate extension", e);
        }
        return new CertificateAuthority(kind, builder.build(key.sha256WithRsa()), key);
    }

    /**
     * The last day of a period of {@value #VALIDITY_YEARS} years starting on {@code firstDay}, counted as
     * the Civil Code counts periods (art. 143): the day before the anniversary, or, when the anniversary
     * does not exist (a period starting on 29 February ending in a common year), the last day of that
     * month. 2023-07-16 gives 2033-07-15; 2024-02-29 gives 2034-02-28.
     */
    private static LocalDate lastDayOfPeriod(LocalDate firstDay) {
        LocalDate anniversary = firstDay.plusYears(VALIDITY_YEARS);
        boolean anniversaryExists = anniversary.getDayOfMonth() == firstDay.getDayOfMonth();
        return anniversaryExists ? anniversary.minusDays(1) : anniversary;
    }

    /** The real CA certificates name the CA itself as the distribution point of the CRL covering CAs. */
    private static CRLDistPoint ownDistributionPoint(X500Name name) {
        DistributionPointName fullName = new DistributionPointName(new GeneralNames(new GeneralName(name)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(fullName, null, null)});
    }
}
