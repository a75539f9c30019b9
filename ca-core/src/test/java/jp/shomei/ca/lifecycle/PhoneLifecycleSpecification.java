package jp.shomei.ca.lifecycle;

import static jp.shomei.ca.testsupport.TestCa.CHIYODA;
import static jp.shomei.ca.testsupport.TestCa.MINATO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.linkage.CertificateLinks;
import jp.shomei.ca.linkage.LinkageQuery;
import jp.shomei.ca.linkage.Succession;
import jp.shomei.ca.linkage.SuccessionKind;
import jp.shomei.ca.phone.PhoneApplication;
import jp.shomei.ca.phone.SignedPhoneApplications;
import jp.shomei.ca.profile.JpkiOids;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.StoreSnapshot;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestPhoneApplications;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smartphone certificates, linked revocation, the call centre and face-only cards (DESIGN.md §3), over
 * a resident's whole life with an injected clock, and every refusal leaving the store as it was.
 */
abstract class PhoneLifecycleSpecification {

    static final String HANAKO = "00000000011";
    static final String JIRO = "00000000012";
    static final LocalDate BORN = LocalDate.of(2006, 6, 15);
    static final LocalDate CARD_EXPIRY = LocalDate.of(2036, 6, 15);
    static final Actor CALL_CENTRE = Actor.callCentre("CN=JPKI call centre");

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    abstract DatabaseConfig newDatabase();

    TestCa ca;
    LinkageQuery linkage;
    /** Every certificate the resident has had, with the status the specification expects of it now. */
    final Map<BigInteger, CertificateStatus> expected = new LinkedHashMap<>();

    @BeforeEach
    void startCa() {
        ca = new TestCa(newDatabase(), KEYS.source(), at(2026, 11, 22));
        linkage = new LinkageQuery(ca.store);
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    // --- a life ----------------------------------------------------------------------------------------

    @Test
    void aResidentsCertificatesOnCardAndPhonesFromTwentyToDeath() {
        // Age 20, Chiyoda-ku: card certificates, then a phone authorised by the card's signing certificate.
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        CertificateLifecycle.PhoneRegistration phoneA = registerPhone(CHIYODA, card, "android-A");
        assertPhone(phoneA.signing(), card.signing(), "android-A", JpkiOids.PHONE_SIGNING_POLICY);
        assertPhone(phoneA.authentication(), card.authentication(), "android-A", JpkiOids.PHONE_AUTHENTICATION_POLICY);
        assertThat(phoneA.superseded()).isEmpty();
        assertPaired(card.signing(), card.authentication());
        assertPaired(phoneA.signing(), phoneA.authentication());
        assertStatuses();

        // Near the 25th birthday the card certificates are renewed; the phone's go with them, and the phone
        // applies again with the new card signing certificate.
        ca.clock.set(at(2031, 4, 1));
        RenewalWithKey signingRenewal = renew(card.signing());
        expect(phoneA.signing(), CertificateStatus.REVOKED);
        RenewalWithKey authRenewal = renew(card.authentication());
        expect(phoneA.authentication(), CertificateStatus.REVOKED);
        assertRevoked(phoneA.signing(), RevocationReason.SUPERSEDED);
        assertRevoked(phoneA.authentication(), RevocationReason.SUPERSEDED);
        assertStatuses();
        Card renewed = new Card(signingRenewal.successor(), authRenewal.successor(), signingRenewal.successorKey());
        CertificateLifecycle.PhoneRegistration phoneA2 = registerPhone(CHIYODA, renewed, "android-A");
        assertSuccession(card.signing(), signingRenewal.successor(), SuccessionKind.RENEWAL);
        assertSuccession(phoneA.signing(), phoneA2.signing(), SuccessionKind.RENEWAL);
        assertSuccession(phoneA.authentication(), phoneA2.authentication(), SuccessionKind.RENEWAL);
        assertThat(phoneA2.signing().notAfter()).isEqualTo(renewed.signing().notAfter());
        assertStatuses();

        // Moves to Minato-ku: the signing certificates on card and phone are revoked together, the card's
        // and the phone's are issued again and linked to the revoked ones.
        ca.clock.set(at(2032, 3, 1));
        long before = latestSequence();
        ResidentRegister.RegisterUpdate move = ca.services.residents().put(CHIYODA,
                hanako("131032", "東京都港区芝公園４－２－８"));
        assertThat(move.revoked()).extracting(CertificateRecord::serial)
                .containsExactly(renewed.signing().serial(), phoneA2.signing().serial());
        assertThat(statusChangesAfter(before)).extracting(StatusChange::serial)
                .containsExactly(renewed.signing().serial(), phoneA2.signing().serial());
        expect(renewed.signing(), CertificateStatus.REVOKED);
        expect(phoneA2.signing(), CertificateStatus.REVOKED);
        assertRevoked(phoneA2.signing(), RevocationReason.AFFILIATION_CHANGED);
        assertStatuses();
        KeyPair minatoKey = TestRequests.ecP256();
        CertificateRecord minatoSigning = track(ca.services.certificates().enroll(MINATO, HANAKO, CaKind.SIGNING,
                TestRequests.publicKeyInfo(minatoKey), CARD_EXPIRY));
        Card minato = new Card(minatoSigning, renewed.authentication(), minatoKey);
        CertificateLifecycle.PhoneRegistration phoneA3 = registerPhone(MINATO, minato, "android-A");
        assertSuccession(renewed.signing(), minatoSigning, SuccessionKind.REISSUE);
        assertSuccession(phoneA2.signing(), phoneA3.signing(), SuccessionKind.REISSUE);
        assertPaired(minatoSigning, renewed.authentication());
        assertStatuses();

        // A new handset: the old phone's certificates are superseded and linked to the new phone's.
        ca.clock.set(at(2033, 5, 1));
        CertificateLifecycle.PhoneRegistration phoneB = registerPhone(MINATO, minato, "iphone-B");
        assertThat(phoneB.superseded()).extracting(CertificateRecord::serial)
                .containsExactlyInAnyOrder(phoneA3.signing().serial(), phoneA3.authentication().serial());
        assertSuccession(phoneA3.signing(), phoneB.signing(), SuccessionKind.PHONE_REPLACEMENT);
        assertSuccession(phoneA3.authentication(), phoneB.authentication(), SuccessionKind.PHONE_REPLACEMENT);
        assertRevoked(phoneA3.authentication(), RevocationReason.SUPERSEDED);
        assertStatuses();
        // Follow the first phone signing certificate to the handset of today across every kind of link.
        assertThat(linkage.linksOf(phoneA.signing().serial()).orElseThrow().successors())
                .extracting(Succession::kind)
                .containsExactly(SuccessionKind.RENEWAL, SuccessionKind.REISSUE, SuccessionKind.PHONE_REPLACEMENT);
        assertThat(linkage.linksOf(phoneA.signing().serial()).orElseThrow().newestSuccessor())
                .contains(phoneB.signing().serial());

        // Age 80: a new card from a CA generation of that decade, a phone, and the card made face-only, then
        // back to PIN and to face again on the same day.
        ca.clock.set(at(2086, 7, 1));
        ca.rollOver();
        assertStatuses();
        Card old = enrollCard(MINATO, LocalDate.of(2096, 6, 15));
        CertificateLifecycle.PhoneRegistration phoneC = registerPhone(MINATO, old, "iphone-C");
        long beforeSwitch = latestSequence();
        CertificateRecord face = ca.services.certificates().switchAuthenticationMode(MINATO, HANAKO,
                AuthenticationMode.FACE);
        assertThat(face.authenticationMode()).isEqualTo(AuthenticationMode.FACE);
        assertThat(face.status()).isEqualTo(CertificateStatus.GOOD);
        ca.clock.set(at(2086, 7, 1).plusSeconds(3600));
        ca.services.certificates().switchAuthenticationMode(MINATO, HANAKO, AuthenticationMode.PIN);
        ca.clock.set(at(2086, 7, 1).plusSeconds(7200));
        ca.services.certificates().switchAuthenticationMode(MINATO, HANAKO, AuthenticationMode.FACE);
        assertThat(statusChangesAfter(beforeSwitch))
                .allSatisfy(change -> {
                    assertThat(change.serial()).isEqualTo(old.authentication().serial());
                    assertThat(change.status()).isEqualTo(CertificateStatus.GOOD);
                })
                .extracting(StatusChange::authenticationMode)
                .containsExactly(AuthenticationMode.FACE, AuthenticationMode.PIN, AuthenticationMode.FACE);
        assertThat(certificate(phoneC.authentication()).authenticationMode()).isEqualTo(AuthenticationMode.PIN);
        assertStatuses();

        // Death: every live certificate, card and phone, revoked in one batch.
        ca.clock.set(at(2090, 1, 10));
        long beforeDeath = latestSequence();
        List<CertificateRecord> revoked = ca.services.residents().reportDeath(MINATO, HANAKO, LocalDate.of(2090, 1, 9));
        assertThat(revoked).extracting(CertificateRecord::serial).containsExactlyInAnyOrder(old.signing().serial(),
                old.authentication().serial(), phoneC.signing().serial(), phoneC.authentication().serial());
        assertThat(statusChangesAfter(beforeDeath)).hasSize(4)
                .allSatisfy(change -> assertThat(change.revocationReason())
                        .contains(RevocationReason.CESSATION_OF_OPERATION));
        revoked.forEach(c -> expect(c, CertificateStatus.REVOKED));
        assertStatuses();
        assertRevoked(old.authentication(), RevocationReason.CESSATION_OF_OPERATION);
    }

    // --- linked revocation ---------------------------------------------------------------------------------

    @Test
    void revokingTheCardAuthenticationCertificateRevokesOnlyThePhoneAuthenticationCertificateInTheSameBatch() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        CertificateLifecycle.PhoneRegistration phone = registerPhone(CHIYODA, card, "android-A");
        long before = latestSequence();

        ca.services.certificates().revoke(CHIYODA, card.authentication().serial(), RevocationReason.KEY_COMPROMISE);

        assertThat(statusChangesAfter(before)).extracting(StatusChange::serial)
                .containsExactly(card.authentication().serial(), phone.authentication().serial());
        assertRevoked(phone.authentication(), RevocationReason.KEY_COMPROMISE);
        assertThat(certificate(phone.signing()).status()).isEqualTo(CertificateStatus.GOOD);
        assertThat(certificate(card.signing()).status()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void aPhoneCertificateEndsNoLaterThanTheCardCertificateThatAuthorisedIt() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        // Two years on, the fifth birthday after today is 2033, but the card certificates end in 2031.
        ca.clock.set(at(2028, 12, 1));
        CertificateLifecycle.PhoneRegistration phone = registerPhone(CHIYODA, card, "android-A");
        assertThat(card.signing().notAfter()).isEqualTo(JapanTime.endOf(LocalDate.of(2031, 6, 15)));
        assertThat(phone.signing().notAfter()).isEqualTo(card.signing().notAfter());
        assertThat(phone.authentication().notAfter()).isEqualTo(card.authentication().notAfter());
    }

    // --- the call centre -----------------------------------------------------------------------------------

    @Test
    void theCallCentreSuspendsAPhoneCertificateAndOnlyTheMunicipalityResumesIt() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        CertificateLifecycle.PhoneRegistration phone = registerPhone(CHIYODA, card, "android-A");
        BigInteger serial = phone.signing().serial();

        CertificateRecord held = ca.services.certificates().suspend(CALL_CENTRE, serial);
        assertThat(held.status()).isEqualTo(CertificateStatus.ON_HOLD);
        assertThat(ca.services.certificates().history(CHIYODA, serial).audit())
                .anySatisfy(entry -> assertThat(entry.actor()).startsWith("call-centre"));

        assertRefusedWithoutChange(Problem.ROLE_NOT_PERMITTED,
                () -> ca.services.certificates().resume(CALL_CENTRE, serial));
        assertRefusedWithoutChange(Problem.ROLE_NOT_PERMITTED,
                () -> ca.services.certificates().revoke(CALL_CENTRE, serial, RevocationReason.KEY_COMPROMISE));
        assertRefusedWithoutChange(Problem.ROLE_NOT_PERMITTED, () -> ca.services.certificates()
                .revoke(CALL_CENTRE, card.signing().serial(), RevocationReason.UNSPECIFIED));
        assertRefusedWithoutChange(Problem.ROLE_NOT_PERMITTED,
                () -> ca.services.residents().put(CALL_CENTRE, hanako("131016", "東京都千代田区丸の内１－１")));
        assertRefusedWithoutChange(Problem.ROLE_NOT_PERMITTED, () -> ca.services.certificates()
                .switchAuthenticationMode(CALL_CENTRE, HANAKO, AuthenticationMode.FACE));

        assertThat(ca.services.certificates().resume(CHIYODA, serial).status()).isEqualTo(CertificateStatus.GOOD);
    }

    // --- refusals of phone applications -----------------------------------------------------------------------

    @Test
    void anApplicationSignedWithARevokedCardSigningCertificateIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        ca.services.certificates().revoke(CHIYODA, card.signing().serial(), RevocationReason.KEY_COMPROMISE);
        assertRefusedWithoutChange(Problem.PHONE_APPLICATION_SIGNER_NOT_GOOD, () -> registerPhone(CHIYODA, card, "a"));
    }

    @Test
    void anApplicationSignedWithASuspendedCardSigningCertificateIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        ca.services.certificates().suspend(CHIYODA, card.signing().serial());
        assertRefusedWithoutChange(Problem.PHONE_APPLICATION_SIGNER_NOT_GOOD, () -> registerPhone(CHIYODA, card, "a"));
    }

    @Test
    void anApplicationSignedWithACertificateShomeiDidNotIssueIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        // A certificate for the same resident from a CA of the applicant's own making.
        TestCa foreign = new TestCa(DatabaseConfig.inMemory("foreign-" + java.util.UUID.randomUUID()),
                TestCa.newKeySource(tempDirectory()), ca.clock.instant());
        try {
            foreign.services.residents().put(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
            KeyPair key = TestRequests.ecP256();
            CertificateRecord forged = foreign.services.certificates().enroll(CHIYODA, HANAKO, CaKind.SIGNING,
                    TestRequests.publicKeyInfo(key), CARD_EXPIRY);
            assertRefusedWithoutChange(Problem.PHONE_APPLICATION_SIGNER_UNKNOWN,
                    () -> registerPhone(CHIYODA, new Card(forged, card.authentication(), key), "a"));
        } finally {
            foreign.close();
            foreign.keys.close();
        }
    }

    @Test
    void anApplicationSignedWithAnotherResidentsOrAPhoneCertificateIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        CertificateLifecycle.PhoneRegistration phone = registerPhone(CHIYODA, card, "android-A");
        KeyPair phoneKey = phoneSigningKey;
        register(CHIYODA, new Resident(JIRO, "131016", new BasicFour(FlaggedText.unsubstituted("鈴木　次郎"), BORN,
                Sex.MALE, FlaggedText.unsubstituted("東京都千代田区千代田２－２")), false, Optional.empty()));
        KeyPair jiroKey = TestRequests.ecP256();
        CertificateRecord jiroSigning = ca.services.certificates().enroll(CHIYODA, JIRO, CaKind.SIGNING,
                TestRequests.publicKeyInfo(jiroKey), CARD_EXPIRY);
        assertRefusedWithoutChange(Problem.PHONE_APPLICATION_SIGNER_MISMATCH,
                () -> registerPhone(CHIYODA, new Card(jiroSigning, card.authentication(), jiroKey), "b"));
        assertRefusedWithoutChange(Problem.PHONE_APPLICATION_SIGNER_MISMATCH,
                () -> registerPhone(CHIYODA, new Card(phone.signing(), card.authentication(), phoneKey), "b"));
    }

    @Test
    void anApplicationWhoseSignatureDoesNotCoverItsContentIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        Card card = enrollCard(CHIYODA);
        byte[] signed = TestPhoneApplications.sign(TestPhoneApplications.content(HANAKO, "a", TestRequests.rsa(2048),
                TestRequests.rsa(2048)), card.signingKey().getPrivate(), card.signing().der(), ca.clock.instant());
        // Flip one byte inside the encapsulated JSON: the message digest no longer matches.
        byte[] tampered = signed.clone();
        int at = indexOf(tampered, "\"device\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 10;
        tampered[at] ^= 1;
        RefusedException refusal = catchThrowableOfType(RefusedException.class,
                () -> SignedPhoneApplications.open(tampered));
        assertThat(refusal.problem()).isEqualTo(Problem.PHONE_APPLICATION_INVALID);
        assertThat(catchThrowableOfType(RefusedException.class,
                () -> SignedPhoneApplications.open(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).problem())
                .isEqualTo(Problem.PHONE_APPLICATION_INVALID);
    }

    @Test
    void switchingToTheModeTheCardIsAlreadyInOrWithoutACardIsRefused() {
        register(CHIYODA, hanako("131016", "東京都千代田区千代田１－１"));
        assertRefusedWithoutChange(Problem.NO_CARD_CERTIFICATE, () -> ca.services.certificates()
                .switchAuthenticationMode(CHIYODA, HANAKO, AuthenticationMode.FACE));
        enrollCard(CHIYODA);
        assertRefusedWithoutChange(Problem.ILLEGAL_TRANSITION, () -> ca.services.certificates()
                .switchAuthenticationMode(CHIYODA, HANAKO, AuthenticationMode.PIN));
        assertRefusedWithoutChange(Problem.FOREIGN_MUNICIPALITY, () -> ca.services.certificates()
                .switchAuthenticationMode(MINATO, HANAKO, AuthenticationMode.FACE));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** The card's two certificates and the private key of its signing certificate. */
    record Card(CertificateRecord signing, CertificateRecord authentication, KeyPair signingKey) {
    }

    KeyPair phoneSigningKey;

    Card enrollCard(Actor municipality) {
        return enrollCard(municipality, CARD_EXPIRY);
    }

    Card enrollCard(Actor municipality, LocalDate cardExpiry) {
        KeyPair signingKey = TestRequests.ecP256();
        CertificateRecord signing = track(ca.services.certificates().enroll(municipality, HANAKO, CaKind.SIGNING,
                TestRequests.publicKeyInfo(signingKey), cardExpiry));
        CertificateRecord authentication = track(ca.services.certificates().enroll(municipality, HANAKO,
                CaKind.AUTHENTICATION, TestRequests.publicKeyInfo(TestRequests.ecP256()), cardExpiry));
        return new Card(signing, authentication, signingKey);
    }

    CertificateLifecycle.PhoneRegistration registerPhone(Actor municipality, Card card, String deviceId) {
        // Phone keys as the secure element makes them: RSA 2048, like the card's.
        phoneSigningKey = TestRequests.rsa(2048);
        byte[] cms = TestPhoneApplications.sign(TestPhoneApplications.content(HANAKO, deviceId, phoneSigningKey,
                TestRequests.rsa(2048)), card.signingKey().getPrivate(), card.signing().der(), ca.clock.instant());
        PhoneApplication application = SignedPhoneApplications.open(cms);
        CertificateLifecycle.PhoneRegistration registration =
                ca.services.certificates().registerPhone(municipality, application);
        registration.superseded().forEach(old -> expect(old, CertificateStatus.REVOKED));
        track(registration.signing());
        track(registration.authentication());
        return registration;
    }

    RenewalWithKey renew(CertificateRecord old) {
        KeyPair key = TestRequests.ecP256();
        CertificateLifecycle.Renewal renewal = ca.services.certificates().renew(CHIYODA, old.serial(),
                TestRequests.publicKeyInfo(key), Optional.empty());
        expect(old, CertificateStatus.REVOKED);
        track(renewal.successor());
        return new RenewalWithKey(renewal.successor(), key);
    }

    record RenewalWithKey(CertificateRecord successor, KeyPair successorKey) {
    }

    CertificateRecord track(CertificateRecord certificate) {
        expected.put(certificate.serial(), certificate.status());
        return certificate;
    }

    void expect(CertificateRecord certificate, CertificateStatus status) {
        expected.put(certificate.serial(), status);
    }

    /** Every certificate the resident ever had is in the store with the status expected of it now. */
    void assertStatuses() {
        Map<BigInteger, CertificateStatus> actual = new LinkedHashMap<>();
        ca.store.read(tx -> tx.certificatesOf(HANAKO)).forEach(c -> actual.put(c.serial(), c.status()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    void assertPhone(CertificateRecord phone, CertificateRecord card, String deviceId,
                     org.bouncycastle.asn1.ASN1ObjectIdentifier policy) {
        assertThat(phone.device()).isEqualTo(Device.PHONE);
        assertThat(phone.deviceId()).contains(deviceId);
        assertThat(phone.cardSerial()).contains(card.serial());
        assertThat(phone.caKind()).isEqualTo(card.caKind());
        assertThat(phone.notAfter()).isBeforeOrEqualTo(card.notAfter());
        X509CertificateHolder holder = holder(phone);
        CertificatePolicies policies = CertificatePolicies.fromExtensions(holder.getExtensions());
        assertThat(policies.getPolicyInformation()).singleElement()
                .satisfies(info -> assertThat(info.getPolicyIdentifier()).isEqualTo(policy));
        assertThat(holder.getExtension(Extension.certificatePolicies).isCritical()).isTrue();
    }

    void assertPaired(CertificateRecord signing, CertificateRecord authentication) {
        assertThat(linkage.linksOf(signing.serial()).orElseThrow().pairedCertificate())
                .contains(authentication.serial());
        assertThat(linkage.linksOf(authentication.serial()).orElseThrow().pairedCertificate())
                .contains(signing.serial());
    }

    void assertSuccession(CertificateRecord old, CertificateRecord successor, SuccessionKind kind) {
        CertificateLinks links = linkage.linksOf(old.serial()).orElseThrow();
        assertThat(links.successors()).first().satisfies(link -> {
            assertThat(link.successor()).isEqualTo(successor.serial());
            assertThat(link.kind()).isEqualTo(kind);
        });
        assertThat(certificate(old).successorSerial()).contains(successor.serial());
        assertThat(certificate(successor).predecessorSerial()).contains(old.serial());
    }

    void assertRevoked(CertificateRecord certificate, RevocationReason reason) {
        CertificateRecord now = certificate(certificate);
        assertThat(now.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(now.revocationReason()).contains(reason);
    }

    CertificateRecord certificate(CertificateRecord certificate) {
        return ca.store.read(tx -> tx.certificate(certificate.serial())).orElseThrow();
    }

    long latestSequence() {
        return ca.store.read(tx -> tx.latestStatusSequence());
    }

    List<StatusChange> statusChangesAfter(long sequence) {
        return ca.store.read(tx -> tx.statusChangesAfter(sequence, 100));
    }

    void register(Actor municipality, Resident resident) {
        ca.services.residents().put(municipality, resident);
    }

    void assertRefusedWithoutChange(Problem problem, Runnable call) {
        String before = StoreSnapshot.of(ca.store.dataSource());
        RefusedException refusal = catchThrowableOfType(RefusedException.class, call::run);
        assertThat(refusal).as("expected refusal %s", problem).isNotNull();
        assertThat(refusal.problem()).as(refusal.detail()).isEqualTo(problem);
        assertThat(StoreSnapshot.of(ca.store.dataSource())).isEqualTo(before);
    }

    static Resident hanako(String municipality, String address) {
        return new Resident(HANAKO, municipality, new BasicFour(FlaggedText.unsubstituted("佐藤　花子"), BORN,
                Sex.FEMALE, FlaggedText.unsubstituted(address)), false, Optional.empty());
    }

    static Instant at(int year, int month, int day) {
        return ZonedDateTime.of(year, month, day, 10, 0, 0, 0, JapanTime.ZONE).toInstant();
    }

    static X509CertificateHolder holder(CertificateRecord certificate) {
        try {
            return new X509CertificateHolder(certificate.der());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static java.nio.file.Path tempDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("shomei-foreign-ca-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
