package jp.shomei.app.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shomei.app.client.ApiProblemException;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.app.client.ResidentRecord;
import jp.shomei.app.client.SimulatedCardKey;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.phone.SignedPhoneApplications;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * The story {@code shomei demo} tells against the running service: three residents of Chiyoda-ku,
 * the certificates on their cards and a phone, and the JPKI rules that refuse, keep, revoke and link them. Each step
 * says why, and checks that the service did what JPKI requires; the first surprise ends the story.
 */
final class DemoScenario {

    static final String MUNICIPALITY = "131016";

    private static final DateTimeFormatter JST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'");

    private final MunicipalClient municipal;
    private final PrintWriter out;
    private final Clock clock;
    private final LocalDate today;
    private final String runId;
    private int issued;
    private int revoked;

    /** The service answered, but not as JPKI requires. */
    static final class UnexpectedOutcome extends RuntimeException {
        UnexpectedOutcome(String message) {
            super(message);
        }
    }

    private record Person(String residentCode, String name, LocalDate dateOfBirth, String sex, String address,
                          LocalDate cardExpiresOn) {
    }

    /**
     * @param clock the time, from whose date in Japan birth dates are set so that the ages stay true in any year
     * @param runId ten digits unique to this run, so that the demo's resident codes never collide with an earlier run's
     */
    DemoScenario(MunicipalClient municipal, PrintWriter out, Clock clock, String runId) {
        this.municipal = municipal;
        this.out = out;
        this.clock = clock;
        this.today = LocalDate.now(clock.withZone(JapanTime.ZONE));
        this.runId = runId;
    }

    /** Tells the whole story and returns its one-line summary. */
    String run() {
        // Cards are valid for 10 years, or 5 for minors.
        Person ichiro = new Person(residentCode(1), "佐藤　一郎", today.minusYears(40).minusMonths(2), "male",
                "東京都千代田区千代田１－１", today.plusYears(10));
        Person hanako = new Person(residentCode(2), "鈴木　花子", today.minusYears(72).minusMonths(5), "female",
                "東京都千代田区九段南１－２－１", today.plusYears(10));
        Person shota = new Person(residentCode(3), "高橋　翔太", today.minusYears(14).minusMonths(3), "male",
                "東京都千代田区神田駿河台２－３", today.plusYears(5));

        step(1, "Chiyoda-ku (" + MUNICIPALITY + ") registers three residents",
                "a certificate is issued only to someone in a municipality's resident register, and a signing "
                        + "certificate states what the register says: name, date of birth, sex and address.");
        for (Person person : List.of(ichiro, hanako, shota)) {
            register(person);
        }

        step(2, "Both adults get a signing and an authentication certificate",
                "a card makes one RSA-2048 key pair per certificate on its chip; the municipal terminal sends a "
                        + "PKCS#10 request for each, so only the public key ever leaves the card. Each certificate "
                        + "is valid until 23:59:59 JST on the holder's 5th birthday after issue, or the card's "
                        + "expiry if sooner.");
        SimulatedCardKey.Key ichiroCardKey = SimulatedCardKey.newKey();
        JsonObject ichiroSignCertificate = enroll(ichiro, "sign", ichiroCardKey);
        String ichiroSign = ichiroSignCertificate.getString("serial");
        String ichiroAuth = enroll(ichiro, "auth");
        String hanakoSign = enroll(hanako, "sign");
        String hanakoAuth = enroll(hanako, "auth");

        step(3, shota.name() + ", aged " + age(shota) + ", asks for both certificates",
                "a signature binds its maker in law, so no signing certificate is issued to anyone under 15; an "
                        + "authentication certificate only proves 'the same person as before', so it has no age limit.");
        expectRefusal(shota, "sign", "not-eligible-under-15");
        enroll(shota, "auth");

        step(4, ichiro.name() + " puts his certificates on his phone",
                "the phone's secure element makes two key pairs; the app sends their requests in an application "
                        + "signed with the card's signing certificate, which must be good and his own. The phone "
                        + "certificates carry their own policy so verifiers can tell them from the card's, and end "
                        + "no later than the card certificates they are bound to.");
        JsonObject phone = registerPhone(ichiro, ichiroSignCertificate, ichiroCardKey, "android-demo-1");
        String phoneSign = phone.getJsonObject("signing").getString("serial");
        String phoneAuth = phone.getJsonObject("authentication").getString("serial");

        step(5, ichiro.name() + " moves to a new address in Chiyoda-ku",
                "the signing certificates carry the address, so the change in the resident register revokes the "
                        + "one on the card and, with it in the same transaction, the one on the phone "
                        + "(affiliationChanged); the authentication certificates carry no personal data and stay good.");
        move(ichiro, "東京都千代田区丸の内２－７－３", Set.of(ichiroSign, phoneSign), Set.of(ichiroAuth, phoneAuth));

        step(6, ichiro.name() + " gets new signing certificates on card and phone",
                "a new signing certificate with the new address is issued to the card and the phone applies again "
                        + "with it; each is linked to the certificate it replaces, so a verifier holding an old "
                        + "signature can follow the person to the certificate of today.");
        SimulatedCardKey.Key newCardKey = SimulatedCardKey.newKey();
        JsonObject reissued = enroll(ichiro, "sign", newCardKey);
        expectLinked(ichiroSign, reissued.getString("serial"), "reissue");
        JsonObject newPhone = registerPhone(ichiro, reissued, newCardKey, "android-demo-1");
        expectLinked(phoneSign, newPhone.getJsonObject("signing").getString("serial"), "reissue");
        revoked += newPhone.getJsonArray("superseded").size();

        step(7, hanako.name() + ", aged " + age(hanako) + ", switches her card to face-only use",
                "a face-authentication card has no PIN: its authentication certificate may only be used after a "
                        + "face check. The switch takes effect at once, either way, and OCSP reports it to verifiers "
                        + "in an extension of the certificate's answer (docs/ocsp.md).");
        JsonObject face = municipal.switchAuthenticationMode(hanako.residentCode(), "face");
        expect(hanakoAuth.equals(face.getString("serial")) && "face".equals(face.getString("authenticationMode"))
                        && "good".equals(face.getString("status")),
                "expected auth certificate " + hanakoAuth + " to be good in face mode, got " + face.getString("serial")
                        + " " + face.getString("status") + " in " + face.getString("authenticationMode") + " mode");
        say("auth certificate " + hanakoAuth + " is now face-only; its status stays good");

        step(8, "The death of " + hanako.name() + " is reported",
                "nobody may use a dead person's certificates, so both are revoked (cessationOfOperation).");
        expectRevoked(municipal.reportDeath(hanako.residentCode(), today).getJsonArray("revokedCertificates"),
                Set.of(hanakoSign, hanakoAuth), "cessationOfOperation");

        return "demo passed: 3 residents registered (" + residentCode(1) + ".." + residentCode(3) + "), " + issued
                + " certificates issued, 1 signing request refused as the rules require, " + revoked + " certificates revoked";
    }

    private void register(Person person) {
        JsonObject update = municipal.putResident(person.residentCode(), new ResidentRecord(MUNICIPALITY, person.name(),
                Optional.empty(), person.dateOfBirth(), person.sex(), person.address(), Optional.empty(), false));
        expect(update.getBoolean("created"), "resident " + person.residentCode() + " already existed; run the demo again");
        say("registered " + person.residentCode() + " " + person.name() + ", born " + person.dateOfBirth()
                + " (aged " + age(person) + "), " + person.address());
    }

    /** Makes a key on the simulated card, enrolls it, and returns the certificate's serial. */
    private String enroll(Person person, String ca) {
        return enroll(person, ca, SimulatedCardKey.newKey()).getString("serial");
    }

    private JsonObject enroll(Person person, String ca, SimulatedCardKey.Key key) {
        JsonObject certificate = municipal.enroll(person.residentCode(), ca, key.certificationRequest(),
                person.cardExpiresOn());
        expect("good".equals(certificate.getString("status")) && ca.equals(certificate.getString("ca")),
                "expected a good " + ca + " certificate, got " + certificate.getString("status") + " "
                        + certificate.getString("ca"));
        issued++;
        say("issued " + ca + " certificate " + certificate.getString("serial") + " to " + person.name() + ", valid until "
                + JST_TIME.format(Instant.parse(certificate.getString("notAfter")).atZone(JapanTime.ZONE))
                + " (card expires " + person.cardExpiresOn() + ")");
        return certificate;
    }

    /** The phone's app: two fresh keys, their requests signed with the card's signing key, sent as one application. */
    private JsonObject registerPhone(Person person, JsonObject cardSigning, SimulatedCardKey.Key cardKey,
                                     String deviceId) {
        byte[] content = SignedPhoneApplications.content(person.residentCode(), deviceId,
                SimulatedCardKey.newCertificationRequest(), SimulatedCardKey.newCertificationRequest());
        byte[] application = SignedPhoneApplications.sign(content, cardKey.privateKey(),
                certificateHolder(cardSigning.getString("certificate")), clock.instant());
        JsonObject registration = municipal.registerPhone(person.residentCode(), application);
        for (String ca : List.of("signing", "authentication")) {
            JsonObject certificate = registration.getJsonObject(ca);
            expect("phone".equals(certificate.getString("device")) && "good".equals(certificate.getString("status")),
                    "expected a good phone " + ca + " certificate, got " + certificate.getString("device") + " "
                            + certificate.getString("status"));
            issued++;
            say("issued phone " + certificate.getString("ca") + " certificate " + certificate.getString("serial")
                    + " on " + deviceId + ", bound to card certificate " + certificate.getString("cardCertificate")
                    + ", valid until " + JST_TIME.format(Instant.parse(certificate.getString("notAfter"))
                    .atZone(JapanTime.ZONE)));
        }
        for (Object entry : registration.getJsonArray("superseded")) {
            JsonObject old = (JsonObject) entry;
            say("the phone's previous " + old.getString("ca") + " certificate " + old.getString("serial")
                    + " is revoked (" + old.getString("revocationReason") + ")");
        }
        return registration;
    }

    private void expectLinked(String oldSerial, String newSerial, String kind) {
        JsonArray successors = municipal.links(oldSerial).getJsonArray("successors");
        JsonObject first = successors.isEmpty() ? new JsonObject() : successors.getJsonObject(0);
        expect(newSerial.equals(first.getString("successor")) && kind.equals(first.getString("kind")),
                "expected " + oldSerial + " to be linked to " + newSerial + " (" + kind + "), its links are " + successors);
        say("linked: " + oldSerial + " -> " + newSerial + " (" + kind + ")");
    }

    private static X509CertificateHolder certificateHolder(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (X509CertificateHolder) parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expectRefusal(Person person, String ca, String expectedCode) {
        try {
            JsonObject certificate = municipal.enroll(person.residentCode(), ca,
                    SimulatedCardKey.newCertificationRequest(), person.cardExpiresOn());
            throw new UnexpectedOutcome("the service issued " + ca + " certificate " + certificate.getString("serial")
                    + " to a resident aged " + age(person) + "; it should have refused with " + expectedCode);
        } catch (ApiProblemException refusal) {
            expect(expectedCode.equals(refusal.code()), "expected the refusal " + expectedCode + ", got "
                    + refusal.getMessage());
            say("refused, as the rules require: " + refusal.getMessage());
        }
    }

    private void move(Person person, String newAddress, Set<String> signSerials, Set<String> authSerials) {
        ResidentRecord current = ResidentRecord.fromJson(municipal.resident(person.residentCode()));
        JsonObject update = municipal.putResident(person.residentCode(), new ResidentRecord(current.municipalityCode(),
                current.name(), current.nameSubstitutions(), current.dateOfBirth(), current.sex(), newAddress,
                Optional.empty(), current.adultWard()));
        expect(update.getJsonArray("changedFields").equals(new JsonArray().add("address")),
                "expected only the address to change, the service recorded " + update.getJsonArray("changedFields"));
        say("address is now " + newAddress);
        expectRevoked(update.getJsonArray("revokedCertificates"), signSerials, "affiliationChanged");
        JsonObject resident = municipal.resident(person.residentCode());
        for (String authSerial : authSerials) {
            String authStatus = certificateStatus(resident, authSerial);
            expect("good".equals(authStatus), "auth certificate " + authSerial + " should still be good, but is "
                    + authStatus);
            say("auth certificate " + authSerial + " is still good");
        }
    }

    private void expectRevoked(JsonArray revokedCertificates, Set<String> expectedSerials, String expectedReason) {
        Set<String> serials = new HashSet<>();
        for (Object entry : revokedCertificates) {
            JsonObject certificate = (JsonObject) entry;
            String serial = certificate.getString("serial");
            String reason = certificate.getString("revocationReason");
            expect(expectedReason.equals(reason), certificate.getString("ca") + " certificate " + serial
                    + " was revoked as " + reason + ", expected " + expectedReason);
            serials.add(serial);
            revoked++;
            say("revoked " + certificate.getString("ca") + " certificate " + serial + " on the "
                    + certificate.getString("device") + " (" + reason + ")");
        }
        expect(serials.equals(expectedSerials), "expected the service to revoke " + expectedSerials + ", it revoked " + serials);
    }

    private static String certificateStatus(JsonObject resident, String serial) {
        for (Object entry : resident.getJsonArray("certificates")) {
            JsonObject certificate = (JsonObject) entry;
            if (serial.equals(certificate.getString("serial"))) {
                return certificate.getString("status");
            }
        }
        return "missing from the resident's certificates";
    }

    private String residentCode(int person) {
        return runId + person;
    }

    private int age(Person person) {
        return Period.between(person.dateOfBirth(), today).getYears();
    }

    private void step(int number, String title, String why) {
        out.println();
        out.println("Step " + number + ". " + title);
        out.println("  Why: " + why);
        out.flush();
    }

    private void say(String line) {
        out.println("  - " + line);
        out.flush();
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new UnexpectedOutcome(failure);
        }
    }
}
