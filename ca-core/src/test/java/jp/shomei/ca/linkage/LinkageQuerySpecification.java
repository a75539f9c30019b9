package jp.shomei.ca.linkage;

import static jp.shomei.ca.testsupport.TestCa.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.lifecycle.CertificateLifecycle;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Linkage read by serial, as verifiers will read it, on each database. */
abstract class LinkageQuerySpecification {

    static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
    static final String TARO = "00000000001";

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    abstract DatabaseConfig newDatabase();

    TestCa ca;
    LinkageQuery linkage;

    @BeforeEach
    void startCa() {
        ca = new TestCa(newDatabase(), KEYS.source(), START);
        linkage = new LinkageQuery(ca.store);
        ca.services.residents().put(CHIYODA, taro("東京都千代田区千代田１－１"));
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    @Test
    void anUnknownSerialHasNoLinks() {
        assertThat(linkage.linksOf(BigInteger.valueOf(12345))).isEmpty();
    }

    @Test
    void theSuccessorChainRunsAcrossEveryRenewalFromAnyCertificateInIt() {
        CertificateRecord first = enroll(CaKind.SIGNING);
        BigInteger second = renewAt(first.serial(), LocalDate.of(2031, 2, 11), Optional.empty());
        BigInteger third = renewAt(second, LocalDate.of(2035, 2, 11), Optional.empty());

        CertificateLinks fromFirst = linkage.linksOf(first.serial()).orElseThrow();
        assertThat(fromFirst.predecessors()).isEmpty();
        assertThat(fromFirst.successors()).extracting(Succession::successor).containsExactly(second, third);
        assertThat(fromFirst.successors()).extracting(Succession::kind)
                .containsExactly(SuccessionKind.RENEWAL, SuccessionKind.RENEWAL);
        assertThat(fromFirst.successor()).contains(second);
        assertThat(fromFirst.newestSuccessor()).contains(third);

        CertificateLinks fromSecond = linkage.linksOf(second).orElseThrow();
        assertThat(fromSecond.predecessors()).extracting(Succession::predecessor).containsExactly(first.serial());
        assertThat(fromSecond.successors()).extracting(Succession::successor).containsExactly(third);

        CertificateLinks fromThird = linkage.linksOf(third).orElseThrow();
        assertThat(fromThird.predecessors()).extracting(Succession::predecessor).containsExactly(second, first.serial());
        assertThat(fromThird.newestSuccessor()).isEmpty();
    }

    @Test
    void theCardsSigningAndAuthenticationCertificatesArePaired() {
        CertificateRecord signing = enroll(CaKind.SIGNING);
        CertificateRecord authentication = enroll(CaKind.AUTHENTICATION);

        assertThat(linkage.linksOf(signing.serial()).orElseThrow().pairedCertificate())
                .contains(authentication.serial());
        assertThat(linkage.linksOf(authentication.serial()).orElseThrow().pairedCertificate())
                .contains(signing.serial());
    }

    @Test
    void aCertificateIsNotPairedWithARevokedOrExpiredOneOfTheOtherKind() {
        CertificateRecord revoked = enroll(CaKind.SIGNING);
        ca.services.certificates().revoke(CHIYODA, revoked.serial(), RevocationReason.KEY_COMPROMISE);
        CertificateRecord authentication = enroll(CaKind.AUTHENTICATION);
        assertThat(linkage.linksOf(authentication.serial()).orElseThrow().pairings()).isEmpty();

        ca.clock.set(authentication.notAfter().plusSeconds(1));
        CertificateRecord signing = enroll(CaKind.SIGNING);
        assertThat(linkage.linksOf(signing.serial()).orElseThrow().pairings()).isEmpty();
    }

    @Test
    void aSigningCertificateIssuedAfterAMoveIsLinkedAsAReissueAndPairedWithTheSameAuthenticationCertificate() {
        CertificateRecord signing = enroll(CaKind.SIGNING);
        CertificateRecord authentication = enroll(CaKind.AUTHENTICATION);
        ca.clock.advance(Duration.ofDays(30));
        ca.services.residents().put(CHIYODA, taro("東京都千代田区丸の内１－１"));
        CertificateRecord reissued = enroll(CaKind.SIGNING);

        CertificateLinks old = linkage.linksOf(signing.serial()).orElseThrow();
        assertThat(old.successors()).singleElement().satisfies(link -> {
            assertThat(link.successor()).isEqualTo(reissued.serial());
            assertThat(link.kind()).isEqualTo(SuccessionKind.REISSUE);
        });
        assertThat(linkage.linksOf(authentication.serial()).orElseThrow().pairings())
                .extracting(Pairing::signing).containsExactly(reissued.serial(), signing.serial());
        assertThat(linkage.linksOf(reissued.serial()).orElseThrow().pairedCertificate())
                .contains(authentication.serial());
    }

    private CertificateRecord enroll(CaKind kind) {
        return ca.services.certificates().enroll(CHIYODA, TARO, kind,
                TestRequests.publicKeyInfo(TestRequests.ecP256()), LocalDate.of(2036, 5, 10));
    }

    private BigInteger renewAt(BigInteger serial, LocalDate day, Optional<LocalDate> newCardExpiry) {
        ca.clock.set(ZonedDateTime.of(day.atTime(10, 0), JapanTime.ZONE).toInstant());
        CertificateLifecycle.Renewal renewal = ca.services.certificates().renew(CHIYODA, serial,
                TestRequests.publicKeyInfo(TestRequests.ecP256()), newCardExpiry);
        return renewal.successor().serial();
    }

    private static Resident taro(String address) {
        return new Resident(TARO, "131016", new BasicFour(FlaggedText.unsubstituted("山田　太郎"),
                LocalDate.of(1990, 5, 10), Sex.MALE, FlaggedText.unsubstituted(address)), false, Optional.empty());
    }
}
