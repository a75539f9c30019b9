package jp.shomei.ocsp.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.issuer.ServedIssuers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delegated OCSP signers: issued by the CA, shared through the store, rolled over ahead of expiry by one node. */
class OcspSignersTest {

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration RENEW_BEFORE = Duration.ofDays(10);

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    TestCa ca;
    ServedIssuers issuers;

    @BeforeEach
    void start() {
        ca = new TestCa(DatabaseConfig.inMemory("signers-" + UUID.randomUUID()), KEYS.source(), Instant.parse("2026-11-22T01:00:00Z"));
        issuers = new ServedIssuers(ca.authorities);
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    @Test
    void theFirstSignerIsIssuedByTheCaForOcspSigningWithNocheck() throws Exception {
        OcspSigners signers = node();
        assertThat(signers.refresh()).isTrue();
        ServedIssuer signing = issuers.find(CaKind.SIGNING, 1).orElseThrow();
        OcspSigner signer = signers.current(signing);

        assertThat(signer.number()).isEqualTo(1);
        assertThat(signer.certificate().getIssuer()).isEqualTo(signing.authority().certificate().getSubject());
        assertThat(signer.certificate().isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(signing.authority().certificate()))).isTrue();
        assertThat(ExtendedKeyUsage.fromExtensions(signer.certificate().getExtensions())
                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)).isTrue();
        assertThat(signer.certificate().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)).isNotNull();
        assertThat(signer.certificate().getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(signer.notAfter()).isEqualTo(ca.clock.instant().plus(VALIDITY));
        assertThat(signers.current(issuers.find(CaKind.AUTHENTICATION, 1).orElseThrow()).certificate().getIssuer())
                .isEqualTo(issuers.find(CaKind.AUTHENTICATION, 1).orElseThrow().authority().certificate().getSubject());
    }

    @Test
    void aSecondNodeAdoptsTheStoredSignerAndOneNodeRollsItOverInsideTheRenewalWindow() {
        OcspSigners first = node();
        first.refresh();
        OcspSigners second = node();
        second.refresh();
        ServedIssuer signing = issuers.find(CaKind.SIGNING, 1).orElseThrow();
        assertThat(second.current(signing).certificate()).isEqualTo(first.current(signing).certificate());

        ca.clock.advance(VALIDITY.minus(RENEW_BEFORE).minusHours(1));
        assertThat(first.refresh()).isFalse();

        ca.clock.advance(Duration.ofHours(2));
        assertThat(first.refresh()).isTrue();
        assertThat(first.current(signing).number()).isEqualTo(2);
        assertThat(second.refresh()).isTrue();
        assertThat(second.current(signing).certificate()).isEqualTo(first.current(signing).certificate());
        java.util.List<jp.shomei.ca.store.StoredOcspSigner> stored = ca.store.read(tx -> tx.ocspSigners());
        assertThat(stored).hasSize(4);
    }

    private OcspSigners node() {
        return new OcspSigners(ca.store, KEYS.source(), issuers, new OcspSignerCertificateFactory(),
                new SerialNumbers(new SecureRandom()), ca.clock, VALIDITY, RENEW_BEFORE);
    }
}
