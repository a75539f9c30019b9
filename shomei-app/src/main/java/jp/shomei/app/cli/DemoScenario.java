package jp.shomei.app.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
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

/**
 * The story {@code shomei demo} tells against the running service: three residents of Chiyoda-ku,
 * the certificates on their cards, and the JPKI rules that refuse, keep or revoke them. Each step
 * says why, and checks that the service did what JPKI requires; the first surprise ends the story.
 */
final class DemoScenario {

    static final String MUNICIPALITY = "131016";

    private static final DateTimeFormatter JST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'");

    private final MunicipalClient municipal;
    private final PrintWriter out;
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
     * @param today the date in Japan, from which birth dates are set so that the ages stay true in any year
     * @param runId ten digits unique to this run, so that the demo's resident codes never collide with an earlier run's
     */
    DemoScenario(MunicipalClient municipal, PrintWriter out, LocalDate today, String runId) {
        this.municipal = municipal;
        this.out = out;
        this.today = today;
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
        String ichiroSign = enroll(ichiro, "sign");
        String ichiroAuth = enroll(ichiro, "auth");
        String hanakoSign = enroll(hanako, "sign");
        String hanakoAuth = enroll(hanako, "auth");

        step(3, shota.name() + ", aged " + age(shota) + ", asks for both certificates",
                "a signature binds its maker in law, so no signing certificate is issued to anyone under 15; an "
                        + "authentication certificate only proves 'the same person as before', so it has no age limit.");
        expectRefusal(shota, "sign", "not-eligible-under-15");
        enroll(shota, "auth");

        step(4, ichiro.name() + " moves to a new address in Chiyoda-ku",
                "the signing certificate carries the address, so the change in the resident register revokes it "
                        + "(affiliationChanged); the authentication certificate carries no personal data and stays good.");
        move(ichiro, "東京都千代田区丸の内２－７－３", ichiroSign, ichiroAuth);

        step(5, "The death of " + hanako.name() + " is reported",
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
        JsonObject certificate = municipal.enroll(person.residentCode(), ca, SimulatedCardKey.newCertificationRequest(),
                person.cardExpiresOn());
        expect("good".equals(certificate.getString("status")) && ca.equals(certificate.getString("ca")),
                "expected a good " + ca + " certificate, got " + certificate.getString("status") + " "
                        + certificate.getString("ca"));
        issued++;
        say("issued " + ca + " certificate " + certificate.getString("serial") + " to " + person.name() + ", valid until "
                + JST_TIME.format(Instant.parse(certificate.getString("notAfter")).atZone(JapanTime.ZONE))
                + " (card expires " + person.cardExpiresOn() + ")");
        return certificate.getString("serial");
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

    private void move(Person person, String newAddress, String signSerial, String authSerial) {
        ResidentRecord current = ResidentRecord.fromJson(municipal.resident(person.residentCode()));
        JsonObject update = municipal.putResident(person.residentCode(), new ResidentRecord(current.municipalityCode(),
                current.name(), current.nameSubstitutions(), current.dateOfBirth(), current.sex(), newAddress,
                Optional.empty(), current.adultWard()));
        expect(update.getJsonArray("changedFields").equals(new JsonArray().add("address")),
                "expected only the address to change, the service recorded " + update.getJsonArray("changedFields"));
        say("address is now " + newAddress);
        expectRevoked(update.getJsonArray("revokedCertificates"), Set.of(signSerial), "affiliationChanged");
        String authStatus = certificateStatus(municipal.resident(person.residentCode()), authSerial);
        expect("good".equals(authStatus), "auth certificate " + authSerial + " should still be good, but is " + authStatus);
        say("auth certificate " + authSerial + " is still good");
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
            say("revoked " + certificate.getString("ca") + " certificate " + serial + " (" + reason + ")");
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
