package jp.shomei.ca.lifecycle;

import static jp.shomei.ca.testsupport.TestCa.CHIYODA;
import static jp.shomei.ca.testsupport.TestCa.MINATO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.StoreSnapshot;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The certificate lifecycle of DESIGN.md §3, run against a real store. Subclasses choose the database
 * (embedded H2, real PostgreSQL), so the same rules are proven on both.
 */
abstract class LifecycleSpecification {

    /** 2026-11-22 10:00 JST. */
    static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
    static final LocalDate CARD_EXPIRY = LocalDate.of(2036, 5, 10);

    /** A fresh, empty database for one test. */
    abstract DatabaseConfig newDatabase();

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    TestCa ca;

    @BeforeEach
    void startCa() {
        ca = new TestCa(newDatabase(), KEYS.source(), START);
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    // --- issuance ---------------------------------------------------------------------------------

    @Test
    void enrollingRecordsTheCertificateItsFirstStatusChangeAndAnAuditEntry() {
        register(taro());
        CertificateRecord issued = enroll("00000000001", CaKind.SIGNING);

        assertThat(issued.status()).isEqualTo(CertificateStatus.GOOD);
        assertThat(issued.caKind()).isEqualTo(CaKind.SIGNING);
        assertThat(issued.municipalityCode()).isEqualTo("131016");
        assertThat(issued.crlPartition()).isEqualTo("131016");
        CertificateHistory history = ca.services.certificates().history(CHIYODA, issued.serial());
        assertThat(history.certificate()).usingRecursiveComparison().isEqualTo(issued);
        assertThat(history.statusChanges()).extracting(StatusChange::status).containsExactly(CertificateStatus.GOOD);
        assertThat(history.audit()).extracting(AuditEntry::action).containsExactly("certificate.issue");
        assertThat(history.audit().get(0).actor()).contains("131016");
    }

    @Test
    void certificatesRunToTheHoldersFifthBirthdayAfterIssue() {
        register(taro());
        CertificateRecord issued = enroll("00000000001", CaKind.SIGNING);
        // Born 1990-05-10; issued 2026-11-22: birthdays after issue are 2027 ... 2031.
        assertThat(issued.notAfter()).isEqualTo(JapanTime.endOf(LocalDate.of(2031, 5, 10)));
        assertThat(issued.notBefore()).isEqualTo(START);
    }

    @Test
    void certificatesNeverOutliveTheCard() {
        register(taro());
        CertificateRecord issued = ca.services.certificates().enroll(CHIYODA, "00000000001", CaKind.AUTHENTICATION,
                newKey(), LocalDate.of(2029, 1, 31));
        assertThat(issued.notAfter()).isEqualTo(JapanTime.endOf(LocalDate.of(2029, 1, 31)));
    }

    @Test
    void serialsAreRandomPositiveAndAtLeastSixtyFourBits() {
        register(taro());
        BigInteger signing = enroll("00000000001", CaKind.SIGNING).serial();
        BigInteger authentication = enroll("00000000001", CaKind.AUTHENTICATION).serial();
        assertThat(signing.signum()).isPositive();
        assertThat(signing).isNotEqualTo(authentication);
        // 16 random bytes with the top bit cleared: below 2^64 only with probability 2^-63.
        assertThat(signing.bitLength()).isGreaterThan(64);
        assertThat(authentication.bitLength()).isGreaterThan(64);
    }

    @Test
    void aFourteenYearOldGetsAnAuthenticationCertificateButNoSigningCertificate() {
        register(resident("00000000002", LocalDate.of(2012, 5, 3), false));
        assertRefusedWithoutChange(Problem.NOT_ELIGIBLE_UNDER_15, () -> enroll("00000000002", CaKind.SIGNING));
        assertThat(enroll("00000000002", CaKind.AUTHENTICATION).status()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void theSigningCertificateBecomesAvailableOnTheFifteenthBirthdayInJapan() {
        register(resident("00000000002", LocalDate.of(2011, 11, 22), false));
        ca.clock.set(ZonedDateTime.of(2026, 11, 21, 23, 59, 0, 0, JapanTime.ZONE).toInstant());
        assertRefusedWithoutChange(Problem.NOT_ELIGIBLE_UNDER_15, () -> enroll("00000000002", CaKind.SIGNING));
        ca.clock.set(ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, JapanTime.ZONE).toInstant());
        assertThat(enroll("00000000002", CaKind.SIGNING).status()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void anAdultWardGetsNoSigningCertificate() {
        register(resident("00000000003", LocalDate.of(1950, 1, 1), true));
        assertRefusedWithoutChange(Problem.NOT_ELIGIBLE_ADULT_WARD, () -> enroll("00000000003", CaKind.SIGNING));
    }

    @Test
    void aSecondLiveCertificateOfTheSameKindIsRefused() {
        register(taro());
        enroll("00000000001", CaKind.SIGNING);
        assertRefusedWithoutChange(Problem.ACTIVE_CERTIFICATE_EXISTS, () -> enroll("00000000001", CaKind.SIGNING));
    }

    @Test
    void aKeyIsCertifiedOnceWhoeverAsks() {
        register(taro());
        register(resident("00000000007", LocalDate.of(1980, 1, 1), false));
        SubjectPublicKeyInfo key = newKey();
        CertificateRecord first = ca.services.certificates().enroll(CHIYODA, "00000000001", CaKind.SIGNING, key, CARD_EXPIRY);
        assertRefusedWithoutChange(Problem.KEY_ALREADY_CERTIFIED, () -> ca.services.certificates()
                .enroll(CHIYODA, "00000000007", CaKind.AUTHENTICATION, key, CARD_EXPIRY));
        ca.clock.set(first.notAfter().minus(Duration.ofDays(30)));
        assertRefusedWithoutChange(Problem.KEY_ALREADY_CERTIFIED,
                () -> ca.services.certificates().renew(CHIYODA, first.serial(), key, Optional.empty()));
    }

    @Test
    void aMoveToAnotherMunicipalityAtTheSameAddressTextStillRevokesTheSigningCertificate() {
        register(taro());
        CertificateRecord signing = enroll("00000000001", CaKind.SIGNING);
        ca.services.residents().put(CHIYODA, new Resident("00000000001", "131032", taro().basicFour(), false,
                Optional.empty()));
        assertThat(reasonOf(signing)).contains(RevocationReason.AFFILIATION_CHANGED);
    }

    @Test
    void aCardThatHasAlreadyExpiredIsRefused() {
        register(taro());
        assertRefusedWithoutChange(Problem.CARD_EXPIRED, () -> ca.services.certificates().enroll(CHIYODA,
                "00000000001", CaKind.SIGNING, newKey(), LocalDate.of(2026, 11, 21)));
    }

    @Test
    void aMunicipalityActsOnlyOnItsOwnResidents() {
        register(taro());
        CertificateRecord issued = enroll("00000000001", CaKind.SIGNING);
        CertificateLifecycle certificates = ca.services.certificates();
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> certificates.enroll(MINATO, "00000000001",
                CaKind.AUTHENTICATION, newKey(), CARD_EXPIRY));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> certificates.suspend(MINATO, issued.serial()));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY,
                () -> certificates.revoke(MINATO, issued.serial(), RevocationReason.KEY_COMPROMISE));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> certificates.history(MINATO, issued.serial()));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> ca.services.residents().show(MINATO, "00000000001"));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY,
                () -> ca.services.residents().put(MINATO, movedWithin(taro(), "東京都千代田区永田町１－７－１")));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY,
                () -> ca.services.residents().reportDeath(MINATO, "00000000001", LocalDate.of(2026, 11, 20)));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> ca.services.residents().put(MINATO,
                new Resident("00000000009", "131016", taro().basicFour(), false, Optional.empty())));
    }

    @Test
    void unknownResidentsAndCertificatesAreNotFound() {
        assertRefusedWithoutChange(Problem.RESIDENT_NOT_FOUND, () -> enroll("00000000404", CaKind.SIGNING));
        assertRefusedWithoutChange(Problem.CERTIFICATE_NOT_FOUND,
                () -> ca.services.certificates().suspend(CHIYODA, BigInteger.valueOf(404)));
    }

    /** PostgreSQL refuses a NUL character in text; a code that is not eleven digits must not reach it. */
    @Test
    void aResidentCodeThatIsNotElevenDigitsNamesNobody() {
        assertRefusedWithoutChange(Problem.RESIDENT_NOT_FOUND, () -> enroll("0000000040\u0000", CaKind.SIGNING));
        assertRefusedWithoutChange(Problem.RESIDENT_NOT_FOUND, () -> enroll("404", CaKind.SIGNING));
    }

    // --- suspension, resumption, revocation ----------------------------------------------------------

    @Test
    void aSuspendedCertificateIsOnHoldAndGoodAgainOnceResumed() {
        register(taro());
        BigInteger serial = enroll("00000000001", CaKind.AUTHENTICATION).serial();
        CertificateLifecycle certificates = ca.services.certificates();

        CertificateRecord suspended = certificates.suspend(CHIYODA, serial);
        assertThat(suspended.status()).isEqualTo(CertificateStatus.ON_HOLD);
        assertThat(suspended.revocationReason()).contains(RevocationReason.CERTIFICATE_HOLD);
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION, () -> certificates.suspend(CHIYODA, serial));

        CertificateRecord resumed = certificates.resume(CHIYODA, serial);
        assertThat(resumed.status()).isEqualTo(CertificateStatus.GOOD);
        assertThat(resumed.revocationReason()).isEmpty();
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION, () -> certificates.resume(CHIYODA, serial));

        assertThat(certificates.history(CHIYODA, serial).statusChanges()).extracting(StatusChange::status)
                .containsExactly(CertificateStatus.GOOD, CertificateStatus.ON_HOLD, CertificateStatus.GOOD);
    }

    @Test
    void revocationIsFinal() {
        register(taro());
        BigInteger serial = enroll("00000000001", CaKind.SIGNING).serial();
        CertificateLifecycle certificates = ca.services.certificates();

        CertificateRecord revoked = certificates.revoke(CHIYODA, serial, RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revocationReason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.statusChangedAt()).isEqualTo(START);

        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION, () -> certificates.resume(CHIYODA, serial));
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION, () -> certificates.suspend(CHIYODA, serial));
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION,
                () -> certificates.revoke(CHIYODA, serial, RevocationReason.UNSPECIFIED));
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION,
                () -> certificates.renew(CHIYODA, serial, newKey(), Optional.empty()));
    }

    @Test
    void aSuspendedCertificateCanBeRevoked() {
        register(taro());
        BigInteger serial = enroll("00000000001", CaKind.SIGNING).serial();
        ca.services.certificates().suspend(CHIYODA, serial);
        CertificateRecord revoked = ca.services.certificates().revoke(CHIYODA, serial, RevocationReason.UNSPECIFIED);
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revocationReason()).contains(RevocationReason.UNSPECIFIED);
    }

    @Test
    void certificateHoldIsNotARevocationReason() {
        register(taro());
        BigInteger serial = enroll("00000000001", CaKind.SIGNING).serial();
        assertRefusedWithoutChange(Problem.INVALID_FIELD,
                () -> ca.services.certificates().revoke(CHIYODA, serial, RevocationReason.CERTIFICATE_HOLD));
    }

    @Test
    void anExpiredCertificateTakesNoFurtherChange() {
        register(taro());
        CertificateRecord issued = enroll("00000000001", CaKind.SIGNING);
        ca.clock.set(issued.notAfter().plusSeconds(1));
        CertificateLifecycle certificates = ca.services.certificates();
        assertRefusedWithoutChange(Problem.CERTIFICATE_EXPIRED, () -> certificates.suspend(CHIYODA, issued.serial()));
        assertRefusedWithoutChange(Problem.CERTIFICATE_EXPIRED,
                () -> certificates.revoke(CHIYODA, issued.serial(), RevocationReason.KEY_COMPROMISE));
        assertRefusedWithoutChange(Problem.CERTIFICATE_EXPIRED,
                () -> certificates.renew(CHIYODA, issued.serial(), newKey(), Optional.empty()));
        // Still answerable, and the resident may enroll again.
        assertThat(certificates.history(CHIYODA, issued.serial()).certificate().status()).isEqualTo(CertificateStatus.GOOD);
        assertThat(enroll("00000000001", CaKind.SIGNING).status()).isEqualTo(CertificateStatus.GOOD);
    }

    // --- renewal --------------------------------------------------------------------------------------

    @Test
    void renewalOpensThreeMonthsBeforeExpiryAndSupersedesTheOldCertificate() {
        register(taro());
        CertificateRecord old = enroll("00000000001", CaKind.SIGNING);
        CertificateLifecycle certificates = ca.services.certificates();

        ca.clock.set(ZonedDateTime.of(2031, 2, 10, 23, 59, 58, 0, JapanTime.ZONE).toInstant());
        assertRefusedWithoutChange(Problem.RENEWAL_TOO_EARLY,
                () -> certificates.renew(CHIYODA, old.serial(), newKey(), Optional.empty()));

        ca.clock.set(ZonedDateTime.of(2031, 2, 11, 0, 0, 0, 0, JapanTime.ZONE).toInstant());
        CertificateLifecycle.Renewal renewal = certificates.renew(CHIYODA, old.serial(), newKey(), Optional.empty());

        assertThat(renewal.superseded().status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(renewal.superseded().revocationReason()).contains(RevocationReason.SUPERSEDED);
        assertThat(renewal.superseded().successorSerial()).contains(renewal.successor().serial());
        assertThat(renewal.successor().predecessorSerial()).contains(old.serial());
        assertThat(renewal.successor().status()).isEqualTo(CertificateStatus.GOOD);
        // Issued 2031-02-11: the fifth birthday after that is 2035-05-10, so a renewal gains about four years.
        assertThat(renewal.successor().notAfter()).isEqualTo(JapanTime.endOf(LocalDate.of(2035, 5, 10)));
        assertThat(certificates.history(CHIYODA, old.serial()).certificate().successorSerial())
                .contains(renewal.successor().serial());
    }

    @Test
    void aSuspendedCertificateCannotBeRenewed() {
        register(taro());
        CertificateRecord old = enroll("00000000001", CaKind.SIGNING);
        ca.services.certificates().suspend(CHIYODA, old.serial());
        ca.clock.set(old.notAfter().minus(Duration.ofDays(10)));
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION,
                () -> ca.services.certificates().renew(CHIYODA, old.serial(), newKey(), Optional.empty()));
    }

    // --- resident register events --------------------------------------------------------------------

    @Test
    void aChangeOfAddressRevokesTheSigningCertificateAndLeavesAuthenticationAlone() {
        register(taro());
        CertificateRecord signing = enroll("00000000001", CaKind.SIGNING);
        CertificateRecord authentication = enroll("00000000001", CaKind.AUTHENTICATION);

        ResidentRegister.RegisterUpdate update = ca.services.residents()
                .put(CHIYODA, movedWithin(taro(), "東京都千代田区永田町１－７－１"));

        assertThat(update.changedFields()).containsExactly("address");
        assertThat(update.revoked()).extracting(CertificateRecord::serial).containsExactly(signing.serial());
        assertThat(statusOf(signing)).isEqualTo(CertificateStatus.REVOKED);
        assertThat(reasonOf(signing)).contains(RevocationReason.AFFILIATION_CHANGED);
        assertThat(statusOf(authentication)).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void eachOfTheBasicFourCountsAsAChange() {
        Resident base = taro();
        BasicFour four = base.basicFour();
        List<BasicFour> changes = List.of(
                new BasicFour(FlaggedText.unsubstituted("山田　花子"), four.dateOfBirth(), four.sex(), four.address()),
                new BasicFour(four.name(), four.dateOfBirth().plusDays(1), four.sex(), four.address()),
                new BasicFour(four.name(), four.dateOfBirth(), Sex.FEMALE, four.address()),
                new BasicFour(four.name(), four.dateOfBirth(), four.sex(), new FlaggedText("東京都千代田区千代田１－１", "0000001000000")));
        for (BasicFour changed : changes) {
            String code = "0000000010" + changes.indexOf(changed);
            register(new Resident(code, "131016", four, false, Optional.empty()));
            CertificateRecord signing = enroll(code, CaKind.SIGNING);
            ca.services.residents().put(CHIYODA, new Resident(code, "131016", changed, false, Optional.empty()));
            assertThat(reasonOf(signing)).as("after changing %s", changed).contains(RevocationReason.AFFILIATION_CHANGED);
        }
    }

    @Test
    void anUnchangedRecordChangesNothing() {
        register(taro());
        enroll("00000000001", CaKind.SIGNING);
        String before = StoreSnapshot.of(ca.store.dataSource());
        ResidentRegister.RegisterUpdate update = ca.services.residents().put(CHIYODA, taro());
        assertThat(update.changedFields()).isEmpty();
        assertThat(StoreSnapshot.of(ca.store.dataSource())).isEqualTo(before);
    }

    @Test
    void becomingAnAdultWardWithdrawsTheSigningCertificate() {
        register(taro());
        CertificateRecord signing = enroll("00000000001", CaKind.SIGNING);
        Resident ward = new Resident("00000000001", "131016", taro().basicFour(), true, Optional.empty());
        ca.services.residents().put(CHIYODA, ward);
        assertThat(reasonOf(signing)).contains(RevocationReason.PRIVILEGE_WITHDRAWN);
    }

    @Test
    void aMoveOutHandsTheResidentToTheNewMunicipality() {
        register(taro());
        CertificateRecord signing = enroll("00000000001", CaKind.SIGNING);
        Resident moved = new Resident("00000000001", "131032",
                new BasicFour(taro().basicFour().name(), taro().basicFour().dateOfBirth(), Sex.MALE,
                        FlaggedText.unsubstituted("東京都港区芝公園４－２－８")), false, Optional.empty());
        ca.services.residents().put(CHIYODA, moved);
        assertThat(reasonOf(signing)).contains(RevocationReason.AFFILIATION_CHANGED);
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> enroll("00000000001", CaKind.SIGNING));
        CertificateRecord fresh = ca.services.certificates().enroll(MINATO, "00000000001", CaKind.SIGNING, newKey(),
                CARD_EXPIRY);
        assertThat(fresh.crlPartition()).isEqualTo("131032");
    }

    @Test
    void aDeathRevokesEveryCertificateAndEndsTheRecord() {
        register(taro());
        CertificateRecord signing = enroll("00000000001", CaKind.SIGNING);
        CertificateRecord authentication = enroll("00000000001", CaKind.AUTHENTICATION);
        ca.services.certificates().suspend(CHIYODA, authentication.serial());

        List<CertificateRecord> revoked = ca.services.residents().reportDeath(CHIYODA, "00000000001",
                LocalDate.of(2026, 11, 21));

        assertThat(revoked).extracting(CertificateRecord::serial)
                .containsExactlyInAnyOrder(signing.serial(), authentication.serial());
        assertThat(reasonOf(signing)).contains(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(reasonOf(authentication)).contains(RevocationReason.CESSATION_OF_OPERATION);
        assertRefusedWithoutChange(Problem.RESIDENT_DECEASED, () -> enroll("00000000001", CaKind.AUTHENTICATION));
        assertRefusedWithoutChange(Problem.RESIDENT_DECEASED,
                () -> ca.services.residents().reportDeath(CHIYODA, "00000000001", LocalDate.of(2026, 11, 21)));
        assertRefusedWithoutChange(Problem.RESIDENT_DECEASED,
                () -> ca.services.residents().put(CHIYODA, movedWithin(taro(), "東京都千代田区永田町１－７－１")));
    }

    @Test
    void aDeathInTheFutureIsRefused() {
        register(taro());
        assertRefusedWithoutChange(Problem.INVALID_FIELD,
                () -> ca.services.residents().reportDeath(CHIYODA, "00000000001", LocalDate.of(2026, 11, 23)));
    }

    @Test
    void invalidRecordsAreRefused() {
        register(taro());
        BasicFour four = taro().basicFour();
        String longAddress = "東京都" + "千".repeat(198);
        assertRefusedWithoutChange(Problem.INVALID_FIELD, () -> register(new Resident("00000000005", "131016",
                new BasicFour(four.name(), four.dateOfBirth(), four.sex(), FlaggedText.unsubstituted(longAddress)),
                false, Optional.empty())));
        assertRefusedWithoutChange(Problem.INVALID_FIELD, () -> register(new Resident("00000000005", "131016",
                new BasicFour(FlaggedText.unsubstituted(" "), four.dateOfBirth(), four.sex(), four.address()),
                false, Optional.empty())));
        assertRefusedWithoutChange(Problem.INVALID_FIELD, () -> register(new Resident("00000000005", "131016",
                new BasicFour(four.name(), four.dateOfBirth(), four.sex(), FlaggedText.unsubstituted("大阪府大阪市北区")),
                false, Optional.empty())));
        assertRefusedWithoutChange(Problem.INVALID_FIELD, () -> register(new Resident("00000000005", "131016",
                new BasicFour(four.name(), LocalDate.of(2027, 1, 1), four.sex(), four.address()),
                false, Optional.empty())));
        assertRefusedWithoutChange(Problem.INVALID_FIELD, () -> register(new Resident("00000000005", "999997",
                four, false, Optional.empty())));
    }

    @Test
    void anAddressOfExactlyTwoHundredCharactersIsAccepted() {
        String address = "東京都" + "千".repeat(197);
        Resident resident = new Resident("00000000006", "131016", new BasicFour(taro().basicFour().name(),
                LocalDate.of(1990, 5, 10), Sex.MALE, FlaggedText.unsubstituted(address)), false, Optional.empty());
        register(resident);
        assertThat(enroll("00000000006", CaKind.SIGNING).status()).isEqualTo(CertificateStatus.GOOD);
    }

    // --- status-change sequence ------------------------------------------------------------------------

    @Test
    void statusChangesAreNumberedWithoutGapsEvenAcrossRefusalsAndConcurrentWriters() throws Exception {
        int residents = 6;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < residents; i++) {
            String code = String.format("000000002%02d", i);
            register(new Resident(code, "131016", taro().basicFour(), false, Optional.empty()));
            codes.add(code);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String code : codes) {
                work.add(pool.submit(() -> {
                    BigInteger serial = enroll(code, CaKind.AUTHENTICATION).serial();
                    ca.services.certificates().suspend(CHIYODA, serial);
                    catchThrowableOfType(RefusedException.class, () -> ca.services.certificates().suspend(CHIYODA, serial));
                    ca.services.certificates().resume(CHIYODA, serial);
                    ca.services.certificates().revoke(CHIYODA, serial, RevocationReason.UNSPECIFIED);
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<StatusChange> changes = ca.store.read(tx -> tx.statusChangesAfter(0, 1000));
        assertThat(changes).extracting(StatusChange::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, residents * 4L).boxed().toList());
        List<AuditEntry> audit = ca.store.read(tx -> codes.stream().flatMap(c -> tx.auditOfResident(c).stream()).toList());
        assertThat(audit).hasSize(residents * 5);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    static Resident taro() {
        return resident("00000000001", LocalDate.of(1990, 5, 10), false);
    }

    static Resident resident(String code, LocalDate born, boolean adultWard) {
        return new Resident(code, "131016", new BasicFour(FlaggedText.unsubstituted("山田　太郎"), born, Sex.MALE,
                FlaggedText.unsubstituted("東京都千代田区千代田１－１")), adultWard, Optional.empty());
    }

    static Resident movedWithin(Resident resident, String newAddress) {
        BasicFour four = resident.basicFour();
        return resident.withBasicFour(new BasicFour(four.name(), four.dateOfBirth(), four.sex(),
                FlaggedText.unsubstituted(newAddress)));
    }

    void register(Resident resident) {
        ca.services.residents().put(CHIYODA, resident);
    }

    CertificateRecord enroll(String residentCode, CaKind kind) {
        return ca.services.certificates().enroll(CHIYODA, residentCode, kind, newKey(), CARD_EXPIRY);
    }

    /** A fresh key pair, as a card makes for every certificate. */
    static SubjectPublicKeyInfo newKey() {
        return TestRequests.publicKeyInfo(TestRequests.rsa(2048));
    }

    CertificateStatus statusOf(CertificateRecord certificate) {
        return ca.store.read(tx -> tx.certificate(certificate.serial())).orElseThrow().status();
    }

    Optional<RevocationReason> reasonOf(CertificateRecord certificate) {
        return ca.store.read(tx -> tx.certificate(certificate.serial())).orElseThrow().revocationReason();
    }

    /** The call is refused for this reason, and every table is exactly as it was before. */
    void assertRefusedWithoutChange(Problem problem, Runnable call) {
        String before = StoreSnapshot.of(ca.store.dataSource());
        RefusedException refusal = catchThrowableOfType(RefusedException.class, call::run);
        assertThat(refusal).as("expected refusal %s", problem).isNotNull();
        assertThat(refusal.problem()).as(refusal.detail()).isEqualTo(problem);
        assertThat(refusal.detail()).isNotBlank();
        assertThat(StoreSnapshot.of(ca.store.dataSource())).isEqualTo(before);
    }
}
