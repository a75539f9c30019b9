package jp.shomei.app.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.lifecycle.CertificateLifecycle;
import jp.shomei.ca.phone.PhoneApplication;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One synthetic resident's life through the CA, told to it exactly as municipalities would: register,
 * get a card with its certificates, move (which revokes the signing certificate), apply again at the
 * new municipality, renew in the last months before expiry (superseding and linking the old
 * certificate), die (which revokes everything). Each event goes through the ordinary lifecycle and
 * register services at its simulated time, so the store ends up with exactly the certificates,
 * status changes, links and audit entries the real lifecycle writes.
 *
 * <p>Residents who hold a signing certificate may also register a smartphone: its signing and
 * authentication certificates are applied for with the card's signing certificate, follow the card
 * certificates' revocation (move, renewal, death), and are registered again after a renewal or a
 * re-issue.
 *
 * <p>Everything about resident number n follows from the seed and n alone. The caller decides the
 * transaction: each service call opens its own, or joins one the caller holds (the generator lives a
 * whole batch of residents in one), so a life is written whole or not at all.
 */
final class ResidentLife {

    /** Share of residents holding a card: 99.4 million cards for 125.4 million people (May 2024). */
    private static final double CARD_HOLDERS = 0.79;
    /** About 5 million moves between municipalities a year for 125 million people. */
    private static final double MOVES_PER_YEAR = 0.04;
    /** Share of movers who get a new signing certificate at the new municipality (the authentication one stays). */
    private static final double REAPPLY_AFTER_MOVE = 0.6;
    /** Share of certificates renewed before they expire; the others lapse. */
    private static final double RENEWED = 0.9;
    private static final double ADULT_WARDS = 0.002;
    /**
     * Share of signing-certificate holders who put their certificates on a smartphone by the end of
     * the simulated period, registering at an even rate after the Android launch of 2023-05-11. Our
     * assumption, not a published figure: phone certificates (Android 2023, iPhone 2025) are held by a
     * minority of card holders.
     */
    private static final double PHONE_HOLDERS = 0.10;
    private static final Instant PHONE_LAUNCH = Instant.parse("2023-05-11T00:00:00Z");
    /** Share of phone holders who register their phone again after their card certificates were renewed or re-issued. */
    private static final double PHONE_REREGISTERED = 0.8;

    private static final int SIGNING_AGE = 15;
    private static final int ADULT_CARD_AGE = 18;
    private static final Duration CARD_HISTORY = PopulationPlan.YEAR.multipliedBy(5);
    private static final int LATEST_RENEWAL_DAYS = 80;
    private static final int REAPPLICATION_DAYS = 30;

    private final CaServices services;
    private final SimulationClock clock;
    private final NationalMunicipalities municipalities;
    private final PopulationPlan plan;
    private final Runnable beforeEachEvent;

    /**
     * @param beforeEachEvent called before each event is written; throwing from it stops the life (the
     *     generator stops every worker this way when one fails, rolling back the batch it was living)
     */
    ResidentLife(CaServices services, SimulationClock clock, NationalMunicipalities municipalities,
                 PopulationPlan plan, Runnable beforeEachEvent) {
        this.services = services;
        this.clock = clock;
        this.municipalities = municipalities;
        this.plan = plan;
        this.beforeEachEvent = beforeEachEvent;
    }

    /** The resident code of resident number n: eleven digits, all starting with 7. */
    static String residentCode(long number) {
        return String.format("7%010d", number);
    }

    /** Lives resident number n's life from registration to the end of the plan, or to death. */
    GenerationTally live(long number) {
        return new Life(number).run();
    }

    private enum EventKind { CARD, MOVE, REAPPLY, PHONE, DEATH }

    private record Event(Instant at, EventKind kind) {
    }

    /** A certificate the resident holds, and when they will renew it (empty: they let it lapse). */
    private record Held(CertificateRecord certificate, Optional<Instant> renewAt) {
    }

    /** The mutable state of one life; lives only for one call of {@link #live}. */
    private final class Life {

        private final SplittableRandom random;
        private final String code;
        private final PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::at));
        private Resident resident;
        private Municipality home;
        private LocalDate cardExpiresOn;
        private Held signing;
        private Held authentication;
        private boolean phoneHolder;
        private boolean phoneRegistrationDue;
        private int phones;
        private GenerationTally tally = GenerationTally.NONE;

        Life(long number) {
            this.random = new SplittableRandom(mix(plan.seed() ^ mix(number)));
            this.code = residentCode(number);
        }

        GenerationTally run() {
            Instant start = plan.startsAt();
            int ageAtStart = AgePyramid.sampleAge(random);
            LocalDate dateOfBirth = JapanTime.dateOf(start).minusYears(ageAtStart).minusDays(random.nextInt(365));
            Sex sex = random.nextInt(100) < 51 ? Sex.FEMALE : Sex.MALE;
            home = municipalities.pick(random);
            boolean adultWard = ageAtStart >= 20 && random.nextDouble() < ADULT_WARDS;
            resident = new Resident(code, home.code(), new BasicFour(SyntheticPeople.name(sex, random), dateOfBirth,
                    sex, SyntheticPeople.address(home, random)), adultWard, Optional.empty());
            Instant born = JapanTime.endOf(dateOfBirth);
            Instant registeredAt = latest(start.minus(CARD_HISTORY), born);
            Instant cardAt = between(registeredAt, start);
            if (random.nextDouble() < CARD_HOLDERS) {
                events.add(new Event(cardAt, EventKind.CARD));
                if (random.nextDouble() < PHONE_HOLDERS) {
                    events.add(new Event(between(latest(cardAt, PHONE_LAUNCH), plan.endsAt()), EventKind.PHONE));
                }
            }
            for (int year = 0; year < plan.years(); year++) {
                Instant yearStart = start.plus(PopulationPlan.YEAR.multipliedBy(year));
                if (random.nextDouble() < MOVES_PER_YEAR) {
                    events.add(new Event(between(yearStart, yearStart.plus(PopulationPlan.YEAR)), EventKind.MOVE));
                }
                if (random.nextDouble() < AgePyramid.annualMortality(ageAtStart + year)) {
                    events.add(new Event(between(yearStart, yearStart.plus(PopulationPlan.YEAR)), EventKind.DEATH));
                    break;
                }
            }
            at(registeredAt);
            beforeEachEvent.run();
            services.residents().put(actor(), resident);
            tally = tally.plus(new GenerationTally(1, 0, 0, 0, 0, 0, 0, 0, 0));
            while (true) {
                Held due = nextRenewal();
                Instant renewalAt = due == null ? Instant.MAX : due.renewAt().orElseThrow();
                Event event = events.peek();
                Instant eventAt = event == null ? Instant.MAX : event.at();
                if (!renewalAt.isBefore(plan.endsAt()) && !eventAt.isBefore(plan.endsAt())) {
                    return tally;
                }
                if (renewalAt.isBefore(eventAt)) {
                    renew(due);
                } else {
                    events.remove();
                    at(eventAt);
                    switch (event.kind()) {
                        case CARD -> receiveCard();
                        case MOVE -> move();
                        case REAPPLY -> reapply();
                        case PHONE -> registerPhone();
                        case DEATH -> {
                            die();
                            return tally;
                        }
                    }
                }
            }
        }

        private void receiveCard() {
            Instant now = clock.instant();
            cardExpiresOn = newCardExpiry(now);
            authentication = enroll(CaKind.AUTHENTICATION);
            if (mayHoldSigning(now)) {
                signing = enroll(CaKind.SIGNING);
            }
        }

        private void move() {
            Municipality destination = municipalities.pick(random);
            if (destination.equals(home)) {
                return;
            }
            Actor from = actor();
            resident = new Resident(code, destination.code(), new BasicFour(resident.basicFour().name(),
                    resident.basicFour().dateOfBirth(), resident.basicFour().sex(),
                    SyntheticPeople.address(destination, random)), resident.adultWard(), Optional.empty());
            Instant now = clock.instant();
            beforeEachEvent.run();
            int revoked = services.residents().put(from, resident).revoked().size();
            tally = tally.plus(new GenerationTally(0, 0, 0, 1, revoked, 0, 0, 0, 0));
            home = destination;
            if (revoked > 0) {
                signing = null;
                if (random.nextDouble() < REAPPLY_AFTER_MOVE) {
                    events.add(new Event(now.plus(Duration.ofDays(1 + random.nextInt(REAPPLICATION_DAYS))),
                            EventKind.REAPPLY));
                }
            }
        }

        private void reapply() {
            Instant now = clock.instant();
            if (signing == null && mayHoldSigning(now) && !cardExpiresOn.isBefore(JapanTime.dateOf(now))) {
                signing = enroll(CaKind.SIGNING);
                phoneFollowsCard();
            }
        }

        /**
         * Registers the phone: a new pair of phone certificates, authorised by the card signing
         * certificate, replacing the previous phone's. Only while both card certificates are good.
         */
        private void registerPhone() {
            Instant now = clock.instant();
            phoneRegistrationDue = false;
            if (signing == null || authentication == null || !signing.certificate().notAfter().isAfter(now)
                    || !authentication.certificate().notAfter().isAfter(now)) {
                return;
            }
            phoneHolder = true;
            String deviceId = "synthetic-phone-" + code + "-" + ++phones;
            PhoneApplication application = new PhoneApplication(code, deviceId, SyntheticPeople.cardKey(random),
                    SyntheticPeople.cardKey(random), holder(signing.certificate()));
            beforeEachEvent.run();
            services.certificates().registerPhone(actor(), application);
            tally = tally.plus(new GenerationTally(0, 2, 0, 0, 0, 0, 0, 1, 0));
        }

        /** After the card certificates changed, a phone holder registers the phone again, most within a month. */
        private void phoneFollowsCard() {
            if (phoneHolder && !phoneRegistrationDue && random.nextDouble() < PHONE_REREGISTERED) {
                phoneRegistrationDue = true;
                events.add(new Event(clock.instant().plus(Duration.ofDays(1 + random.nextInt(REAPPLICATION_DAYS))),
                        EventKind.PHONE));
            }
        }

        private void renew(Held held) {
            Instant now = held.renewAt().orElseThrow();
            at(now);
            if (cardExpiresOn.isBefore(JapanTime.dateOf(now).plusYears(5))) {
                cardExpiresOn = newCardExpiry(now);
            }
            beforeEachEvent.run();
            CertificateLifecycle.Renewal renewal = services.certificates().renew(actor(), held.certificate().serial(),
                    SyntheticPeople.cardKey(random), Optional.of(cardExpiresOn));
            tally = tally.plus(new GenerationTally(0, 1, 1, 0, 0, 0, 0, 0, 0));
            Held successor = hold(renewal.successor());
            if (held == signing) {
                signing = successor;
            } else {
                authentication = successor;
            }
            phoneFollowsCard();
        }

        private void die() {
            beforeEachEvent.run();
            List<CertificateRecord> revoked = services.residents().reportDeath(actor(), code,
                    JapanTime.dateOf(clock.instant()));
            tally = tally.plus(new GenerationTally(0, 0, 0, 0, 0, 1, revoked.size(), 0, 0));
        }

        private Held enroll(CaKind kind) {
            beforeEachEvent.run();
            CertificateRecord issued = services.certificates().enroll(actor(), code, kind,
                    SyntheticPeople.cardKey(random), cardExpiresOn);
            tally = tally.plus(new GenerationTally(0, 1, 0, 0, 0, 0, 0, 0, 0));
            return hold(issued);
        }

        private Held hold(CertificateRecord certificate) {
            if (random.nextDouble() >= RENEWED) {
                return new Held(certificate, Optional.empty());
            }
            Instant renewAt = certificate.notAfter().minus(Duration.ofDays(1 + random.nextInt(LATEST_RENEWAL_DAYS)));
            return new Held(certificate, Optional.of(latest(renewAt, certificate.notBefore().plusSeconds(60))));
        }

        /** The held certificate renewed next, if any will be. */
        private Held nextRenewal() {
            List<Held> candidates = new ArrayList<>(2);
            for (Held held : new Held[] {signing, authentication}) {
                if (held != null && held.renewAt().isPresent()) {
                    candidates.add(held);
                }
            }
            return candidates.stream().min(Comparator.comparing(h -> h.renewAt().orElseThrow())).orElse(null);
        }

        private boolean mayHoldSigning(Instant at) {
            int age = Period.between(resident.basicFour().dateOfBirth(), JapanTime.dateOf(at)).getYears();
            return age >= SIGNING_AGE && !resident.adultWard();
        }

        /** Cards run ten years, five for minors. */
        private LocalDate newCardExpiry(Instant issuedAt) {
            LocalDate issued = JapanTime.dateOf(issuedAt);
            int age = Period.between(resident.basicFour().dateOfBirth(), issued).getYears();
            return issued.plusYears(age < ADULT_CARD_AGE ? 5 : 10);
        }

        private Actor actor() {
            return new Actor(home.code(), "CN=" + home.nameRomaji() + " issuance system");
        }

        private void at(Instant instant) {
            clock.set(instant);
        }

        private Instant between(Instant from, Instant to) {
            long span = Duration.between(from, to).getSeconds();
            return span <= 0 ? from : from.plusSeconds(random.nextLong(span));
        }
    }

    private static X509CertificateHolder holder(CertificateRecord certificate) {
        try {
            return new X509CertificateHolder(certificate.der());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static long mix(long value) {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
