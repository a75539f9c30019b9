package jp.shomei.crl.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.feed.StatusChangeFeed;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.crl.support.CrlFixture;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full and delta CRLs per partition, generated from the store, published over HTTP, and judged by
 * openssl, Bouncy Castle and the JDK's PKIX validator. Subclasses choose the database.
 */
abstract class CrlPublicationSpecification {

    static final String CHIYODA_CRL = "/crl/sign/131016.crl";
    static final String CHIYODA_DELTA = "/crl/sign/131016.delta.crl";

    abstract DatabaseConfig newDatabase();

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    @TempDir
    Path root;
    CrlFixture ca;

    @BeforeEach
    void start() {
        ca = new CrlFixture(newDatabase(), KEYS.source(), root, new CrlPolicy(Duration.ofDays(1), Duration.ofMinutes(1), 3, 2));
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    // --- content -------------------------------------------------------------------------------

    @Test
    void eachMunicipalityHasAFullCrlWhoseIssuingDistributionPointIsTheOneInItsCertificates() throws Exception {
        CertificateRecord certificate = ca.enrollChiyodaResident(CaKind.SIGNING);
        ca.services.certificates().revoke(CrlFixture.CHIYODA, certificate.serial(), RevocationReason.KEY_COMPROMISE);
        ca.schedule().fullRound();

        X509CRLHolder crl = ca.crl(CHIYODA_CRL);
        X509CertificateHolder issued = new X509CertificateHolder(certificate.der());
        X509CertificateHolder caCertificate = ca.authorities.issuing(CaKind.SIGNING).authority().certificate();
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(caCertificate))).isTrue();
        assertThat(crl.getIssuer()).isEqualTo(caCertificate.getSubject());

        Extension idp = crl.getExtension(Extension.issuingDistributionPoint);
        assertThat(idp.isCritical()).isTrue();
        IssuingDistributionPoint point = IssuingDistributionPoint.getInstance(idp.getParsedValue());
        DistributionPoint inCertificate = CRLDistPoint.getInstance(
                issued.getExtension(Extension.cRLDistributionPoints).getParsedValue()).getDistributionPoints()[0];
        assertThat(point.getDistributionPoint()).isEqualTo(inCertificate.getDistributionPoint());
        assertThat(point.onlyContainsUserCerts()).isTrue();
        assertThat(point.onlyContainsCACerts()).isFalse();

        assertThat(AuthorityKeyIdentifier.getInstance(crl.getExtension(Extension.authorityKeyIdentifier).getParsedValue())
                .getKeyIdentifierObject().getOctets()).isEqualTo(SubjectKeyIdentifier.fromExtensions(caCertificate.getExtensions()).getKeyIdentifier());
        DistributionPoint freshest = CRLDistPoint.getInstance(crl.getExtension(Extension.freshestCRL).getParsedValue())
                .getDistributionPoints()[0];
        assertThat(freshest.getDistributionPoint().getName().toASN1Primitive().toString())
                .contains(ca.baseUrl.value() + CHIYODA_DELTA);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(crl.getThisUpdate().toInstant().plus(Duration.ofDays(1)));

        X509CRLEntryHolder entry = crl.getRevokedCertificate(certificate.serial());
        assertThat(reasonOf(entry)).isEqualTo(CRLReason.keyCompromise);
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(CrlFixture.START);
        assertThat(entry.getExtension(Extension.invalidityDate)).isNotNull();
        assertThat(ca.lists(ca.crl("/crl/sign/131032.crl"), certificate.serial())).as("Minato's CRL").isFalse();
    }

    @Test
    void authenticationCertificatesArePartitionedBySerialBucketAndEachCaHasAnAuthorityRevocationList() throws Exception {
        CertificateRecord certificate = ca.enrollChiyodaResident(CaKind.AUTHENTICATION);
        ca.services.certificates().suspend(CrlFixture.CHIYODA, certificate.serial());
        ca.schedule().fullRound();

        X509CRLHolder bucket = ca.crl("/crl/auth/" + certificate.crlPartition() + ".crl");
        assertThat(reasonOf(bucket.getRevokedCertificate(certificate.serial()))).isEqualTo(CRLReason.certificateHold);
        for (CaKind kind : CaKind.values()) {
            X509CRLHolder arl = ca.crl("/crl/" + kind.pathName() + "/arl.crl");
            IssuingDistributionPoint point = IssuingDistributionPoint.getInstance(
                    arl.getExtension(Extension.issuingDistributionPoint).getParsedValue());
            assertThat(point.onlyContainsCACerts()).isTrue();
            X509CertificateHolder caCertificate = ca.authorities.issuing(kind).authority().certificate();
            // The CA certificate's own CRL distribution point is its name; the ARL's IDP repeats it.
            DistributionPoint caPoint = CRLDistPoint.getInstance(
                    caCertificate.getExtension(Extension.cRLDistributionPoints).getParsedValue()).getDistributionPoints()[0];
            assertThat(point.getDistributionPoint()).isEqualTo(caPoint.getDistributionPoint());
            assertThat(arl.getRevokedCertificates().isEmpty()).isTrue();
            assertThat(arl.getExtension(Extension.freshestCRL)).isNull();
        }
    }

    @Test
    void crlNumbersOnlyIncreaseAndAreSharedByFullAndDeltaCrlsAcrossPublishers() {
        ca.schedule().fullRound();
        long firstFull = numberOf(ca.crl(CHIYODA_CRL));
        X509CRLHolder delta = ca.crl(CHIYODA_DELTA);
        assertThat(numberOf(delta)).isGreaterThan(firstFull);
        assertThat(baseOf(delta)).isEqualTo(firstFull);
        assertThat(delta.getExtension(Extension.deltaCRLIndicator).isCritical()).isTrue();

        // A second publisher (another node, or this one after a restart) continues the same sequence.
        CrlPublisher other = new CrlPublisher(ca.store, ca.authorities, ca.directory, ca.policy, ca.clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        other.publishFull(chiyoda());
        long secondFull = numberOf(ca.crl(CHIYODA_CRL));
        assertThat(secondFull).isGreaterThan(numberOf(delta));
    }

    // --- deltas ---------------------------------------------------------------------------------

    @Test
    void aDeltaListsHoldsAndRevocationsSinceItsBaseAndReleasesHoldsWithRemoveFromCrl() throws Exception {
        CertificateRecord held = ca.enrollChiyodaResident(CaKind.SIGNING);
        CertificateRecord heldLater = ca.enrollChiyodaResident(CaKind.SIGNING);
        CertificateRecord revoked = ca.enrollChiyodaResident(CaKind.SIGNING);
        CertificateRecord untouched = ca.enrollChiyodaResident(CaKind.SIGNING);
        ca.services.certificates().suspend(CrlFixture.CHIYODA, held.serial());
        ca.schedule().fullRound();
        assertThat(ca.crl(CHIYODA_DELTA).getRevokedCertificates().isEmpty()).as("nothing changed since the base").isTrue();

        ca.clock.advance(Duration.ofMinutes(5));
        ca.services.certificates().resume(CrlFixture.CHIYODA, held.serial());
        ca.services.certificates().suspend(CrlFixture.CHIYODA, heldLater.serial());
        ca.services.certificates().revoke(CrlFixture.CHIYODA, revoked.serial(), RevocationReason.AFFILIATION_CHANGED);
        ca.schedule().deltaRound(true);

        X509CRLHolder delta = ca.crl(CHIYODA_DELTA);
        assertThat(reasonOf(delta.getRevokedCertificate(held.serial()))).isEqualTo(CRLReason.removeFromCRL);
        assertThat(reasonOf(delta.getRevokedCertificate(heldLater.serial()))).isEqualTo(CRLReason.certificateHold);
        assertThat(reasonOf(delta.getRevokedCertificate(revoked.serial()))).isEqualTo(CRLReason.affiliationChanged);
        assertThat(delta.getRevokedCertificate(untouched.serial())).isNull();
        assertThat(delta.getRevokedCertificates().size()).isEqualTo(3);
        assertThat(delta.getNextUpdate().toInstant()).isEqualTo(delta.getThisUpdate().toInstant().plus(Duration.ofMinutes(1)));

        // OpenSSL, given the full CRL and the delta, applies both.
        Path caPem = ca.caPem(CaKind.SIGNING);
        Path full = ca.crlPem(CHIYODA_CRL, "full.pem");
        Path deltaPem = ca.crlPem(CHIYODA_DELTA, "delta.pem");
        String[] withDelta = {"-crl_check", "-use_deltas", "-CRLfile", full.toString(), "-CRLfile", deltaPem.toString()};
        assertThat(ca.opensslVerify(caPem, ca.certificatePem(held, "held.pem"), withDelta).exitCode())
                .as("hold released by the delta").isZero();
        assertThat(ca.opensslVerify(caPem, ca.certificatePem(held, "held.pem"), "-crl_check", "-CRLfile", full.toString()).output()
                + ca.opensslVerify(caPem, ca.certificatePem(held, "held.pem"), "-crl_check", "-CRLfile", full.toString()).errors())
                .as("without the delta the hold still stands").contains("certificate revoked");
        OpenSsl.Outcome revokedOutcome = ca.opensslVerify(caPem, ca.certificatePem(revoked, "revoked.pem"), withDelta);
        assertThat(revokedOutcome.exitCode()).isNotZero();
        assertThat(revokedOutcome.output() + revokedOutcome.errors()).contains("certificate revoked");
        OpenSsl.Outcome heldOutcome = ca.opensslVerify(caPem, ca.certificatePem(heldLater, "held-later.pem"), withDelta);
        assertThat(heldOutcome.output() + heldOutcome.errors()).contains("certificate revoked");
        assertThat(ca.opensslVerify(caPem, ca.certificatePem(untouched, "untouched.pem"), withDelta).exitCode()).isZero();

        // The next full CRL takes the changes in, and the delta starts again from it.
        ca.clock.advance(Duration.ofMinutes(5));
        ca.schedule().fullRound();
        X509CRLHolder nextFull = ca.crl(CHIYODA_CRL);
        assertThat(nextFull.getRevokedCertificate(held.serial())).isNull();
        assertThat(reasonOf(nextFull.getRevokedCertificate(revoked.serial()))).isEqualTo(CRLReason.affiliationChanged);
        assertThat(reasonOf(nextFull.getRevokedCertificate(heldLater.serial()))).isEqualTo(CRLReason.certificateHold);
        assertThat(baseOf(ca.crl(CHIYODA_DELTA))).isEqualTo(numberOf(nextFull));
        assertThat(ca.crl(CHIYODA_DELTA).getRevokedCertificates().isEmpty()).isTrue();
    }

    @Test
    void aRevocationReachesThePublishedDeltaThroughTheStatusChangeFeed() throws Exception {
        CertificateRecord certificate = ca.enrollChiyodaResident(CaKind.SIGNING);
        try (CrlSchedule schedule = ca.schedule()) {
            schedule.fullRound();
            try (StatusChangeFeed feed = new StatusChangeFeed(ca.store, ca.store.read(tx -> tx.latestStatusSequence()),
                    Duration.ofMillis(50))) {
                feed.subscribe(schedule::onStatusChange);
                feed.start();
                ca.services.certificates().revoke(CrlFixture.CHIYODA, certificate.serial(), RevocationReason.KEY_COMPROMISE);
                X509CRLHolder delta = awaitListed(CHIYODA_DELTA, certificate.serial());
                assertThat(reasonOf(delta.getRevokedCertificate(certificate.serial()))).isEqualTo(CRLReason.keyCompromise);
            }
        }
    }

    // --- relying parties ------------------------------------------------------------------------

    @Test
    void opensslAcceptsACertificateUntilTheFullCrlListsItAsRevoked() {
        CertificateRecord certificate = ca.enrollChiyodaResident(CaKind.SIGNING);
        Path caPem = ca.caPem(CaKind.SIGNING);
        Path certificatePem = ca.certificatePem(certificate, "certificate.pem");
        ca.schedule().fullRound();
        OpenSsl.Outcome good = ca.opensslVerify(caPem, certificatePem, "-crl_check", "-CRLfile",
                ca.crlPem(CHIYODA_CRL, "before.pem").toString());
        assertThat(good.exitCode()).as(good.output() + good.errors()).isZero();

        ca.services.certificates().revoke(CrlFixture.CHIYODA, certificate.serial(), RevocationReason.AFFILIATION_CHANGED);
        ca.clock.advance(Duration.ofMinutes(1));
        ca.schedule().fullRound();
        OpenSsl.Outcome revoked = ca.opensslVerify(caPem, certificatePem, "-crl_check", "-CRLfile",
                ca.crlPem(CHIYODA_CRL, "after.pem").toString());
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output() + revoked.errors()).contains("certificate revoked");
    }

    @Test
    void theJdkValidatorFetchesTheCrlFromTheDistributionPointAndRejectsTheRevokedCertificate() throws Exception {
        CertificateRecord revoked = ca.enrollChiyodaResident(CaKind.SIGNING);
        CertificateRecord good = ca.enrollChiyodaResident(CaKind.SIGNING);
        ca.services.certificates().revoke(CrlFixture.CHIYODA, revoked.serial(), RevocationReason.KEY_COMPROMISE);
        // The JDK counts a certificate as revoked only from strictly after its revocation date.
        ca.clock.advance(Duration.ofMinutes(1));
        ca.schedule().fullRound();

        System.setProperty("com.sun.security.enableCRLDP", "true");
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate anchor = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                ca.authorities.issuing(CaKind.SIGNING).authority().certificate().getEncoded()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(true);
        parameters.setDate(Date.from(ca.clock.instant()));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");

        CertPathValidatorException rejected = catchThrowableOfType(CertPathValidatorException.class,
                () -> validator.validate(x509.generateCertPath(List.of(x509.generateCertificate(
                        new ByteArrayInputStream(revoked.der())))), parameters));
        assertThat(rejected).as("the revoked certificate is rejected").isNotNull();
        assertThat(rejected.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
        assertThat(rejected.getMessage()).contains("KEY_COMPROMISE");

        validator.validate(x509.generateCertPath(List.of(x509.generateCertificate(new ByteArrayInputStream(good.der())))),
                parameters);
    }

    // --- retention ------------------------------------------------------------------------------

    @Test
    void anExpiredCertificateStaysOnOneFullCrlAfterItsExpiryAndThenLeaves() {
        CertificateRecord certificate = ca.enrollChiyodaResident(CaKind.SIGNING);
        ca.services.certificates().revoke(CrlFixture.CHIYODA, certificate.serial(), RevocationReason.UNSPECIFIED);

        ca.clock.set(certificate.notAfter().plus(Duration.ofHours(1)));
        CrlPublisher publisher = ca.publisher;
        publisher.publishFull(chiyoda());
        X509CRLEntryHolder entry = ca.crl(CHIYODA_CRL).getRevokedCertificate(certificate.serial());
        assertThat(entry).as("listed on the first full CRL after expiry").isNotNull();
        assertThat(entry.getExtension(Extension.reasonCode)).as("unspecified has no reasonCode").isNull();

        ca.clock.set(certificate.notAfter().plus(ca.policy.fullInterval()).plusSeconds(1));
        publisher.publishFull(chiyoda());
        assertThat(ca.crl(CHIYODA_CRL).getRevokedCertificate(certificate.serial())).isNull();
    }

    // --- HTTP -----------------------------------------------------------------------------------

    @Test
    void crlsAreServedWithCachingHeadersUntilTheirNextUpdate() {
        ca.schedule().fullRound();
        ca.clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> response = ca.get(CHIYODA_CRL);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(response.headers().firstValue("Last-Modified")).contains("Sun, 22 Nov 2026 01:00:00 GMT");
        assertThat(response.headers().firstValue("Expires")).contains("Mon, 23 Nov 2026 01:00:00 GMT");
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=82800, no-transform");

        HttpResponse<byte[]> unchanged = ca.get(CHIYODA_CRL, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        ca.publisher.publishFull(chiyoda());
        HttpResponse<byte[]> changed = ca.get(CHIYODA_CRL, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void unknownPartitionsAndPathTricksAreNotFound() {
        ca.schedule().fullRound();
        for (String path : List.of("/crl/sign/999999.crl", "/crl/auth/b64.crl", "/crl/auth/131016.crl",
                "/crl/sign/b01.crl", "/crl/ocsp/131016.crl", "/crl/sign/131016.crl.tmp", "/crl/sign/131016",
                "/crl/sign/..%2F..%2Fshomei.properties", "/crl/sign/../auth/b01.crl.link",
                "/crl/sign/generations/131016/full-0000000000000000001.crl", "/crl/sign/.131016.crl.link",
                "/crl/sign/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/crl/sign/131016.delta.delta.crl")) {
            assertThat(ca.get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(ca.get("/crl/auth/b01.crl").statusCode()).isEqualTo(200);
    }

    @Test
    void publishingKeepsThePreviousGenerationsAndLeavesNoTemporaryFiles() throws Exception {
        for (int i = 0; i < 5; i++) {
            ca.publisher.publishFull(chiyoda());
        }
        Path generations = root.resolve("crl/sign/generations/131016");
        try (Stream<Path> files = Files.list(generations)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("full-")).toList()).hasSize(3);
        }
        try (Stream<Path> files = Files.walk(root.resolve("crl"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".link") || name.endsWith(".spool"));
        }
        assertThat(Files.readAllBytes(root.resolve("crl/sign/131016.crl"))).isEqualTo(ca.get(CHIYODA_CRL).body());
    }

    private jp.shomei.crl.content.CrlScope chiyoda() {
        return ca.scopes.of(CaKind.SIGNING).stream().filter(scope -> scope.id().equals("131016")).findFirst().orElseThrow();
    }

    private X509CRLHolder awaitListed(String path, BigInteger serial) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<byte[]> response = ca.get(path);
            if (response.statusCode() == 200) {
                X509CRLHolder crl = ca.crl(path);
                if (ca.lists(crl, serial)) {
                    return crl;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " did not list " + serial.toString(16) + " within 60 s");
    }

    static int reasonOf(X509CRLEntryHolder entry) {
        assertThat(entry).as("CRL entry").isNotNull();
        Extension reason = entry.getExtension(Extension.reasonCode);
        assertThat(reason).as("reasonCode").isNotNull();
        return CRLReason.getInstance(reason.getParsedValue()).getValue().intValue();
    }

    static long numberOf(X509CRLHolder crl) {
        return CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber().longValueExact();
    }

    static long baseOf(X509CRLHolder crl) {
        return ((org.bouncycastle.asn1.ASN1Integer) crl.getExtension(Extension.deltaCRLIndicator).getParsedValue())
                .getValue().longValueExact();
    }
}
