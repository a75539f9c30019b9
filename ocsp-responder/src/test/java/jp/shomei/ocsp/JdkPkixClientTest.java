package jp.shomei.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ocsp.support.Eventually;
import jp.shomei.ocsp.support.OcspTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's own PKIX validator, with OCSP as the only revocation check (no CRL fallback), trusts
 * Shomei's responses: the delegated signer, the CertID, the times, and a revocation with its reason.
 * The JDK sends short requests as GET, so this also exercises RFC 5019's GET form.
 */
class JdkPkixClientTest {

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();


    @TempDir
    Path work;
    OcspTestBed bed;

    @BeforeEach
    void start() {
        bed = new OcspTestBed(DatabaseConfig.inMemory("ocsp-" + UUID.randomUUID()), KEYS.source(), work);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aGoodCertificateValidates() throws Exception {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        validate(CaKind.SIGNING, signing);
    }

    @Test
    void aRevokedCertificateFailsWithTheReasonTheCaRecorded() throws Exception {
        CertificateRecord authentication = bed.enroll(CaKind.AUTHENTICATION);
        validate(CaKind.AUTHENTICATION, authentication);

        bed.ca.services.certificates().revoke(TestCa.CHIYODA, authentication.serial(), RevocationReason.KEY_COMPROMISE);

        CertPathValidatorException refusal = Eventually.within(Duration.ofSeconds(5),
                () -> catchThrowableOfType(CertPathValidatorException.class, () -> validate(CaKind.AUTHENTICATION,
                        authentication)),
                thrown -> thrown != null);
        assertThat(refusal.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
        assertThat(refusal.getMessage()).contains("KEY_COMPROMISE");
    }

    @Test
    void aSuspendedCertificateFailsAsOnHold() throws Exception {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        bed.ca.services.certificates().suspend(TestCa.CHIYODA, signing.serial());

        CertPathValidatorException refusal = Eventually.within(Duration.ofSeconds(5),
                () -> catchThrowableOfType(CertPathValidatorException.class, () -> validate(CaKind.SIGNING, signing)),
                thrown -> thrown != null);
        assertThat(refusal.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
        assertThat(refusal.getMessage()).contains("CERTIFICATE_HOLD");
    }

    private void validate(CaKind kind, CertificateRecord certificate) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate endEntity = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.der()));
        X509Certificate ca = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(bed.issuingCa(kind).getEncoded()));
        CertPath path = factory.generateCertPath(List.of(endEntity));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker ocsp = (PKIXRevocationChecker) validator.getRevocationChecker();
        ocsp.setOcspResponder(URI.create(bed.url(kind)));
        ocsp.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.addCertPathChecker(ocsp);
        parameters.setRevocationEnabled(false);
        validator.validate(path, parameters);
    }
}
