package jp.shomei.app.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.audit.chain.AuditChainVerifier;
import jp.shomei.ca.audit.chain.AuditVerdict;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generated population is one the real lifecycle could have produced: every certificate audited
 * and signed by its CA, status events numbered without gaps and ending in each certificate's
 * recorded status, nobody dead holding a live certificate, no signing certificate below fifteen,
 * renewals linked both ways, phone certificates following their card certificates; all of it written
 * by two workers at once; a run stopped inside a batch leaves nothing of that batch and resumes
 * to the same result; and a paused run stores the batches in progress and takes no further one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PopulationSpecification {

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    private static final Instant END = Instant.parse("2026-11-01T03:00:00Z");
    private static final int RESIDENTS = 1_000;
    private static final PopulationPlan PLAN = new PopulationPlan(RESIDENTS, 42, 3, END, 250);
    private static final int WORKERS = 2;

    abstract DatabaseConfig newDatabase();

    private Snapshot generated;
    private GenerationTally tally;
    private AuditVerdict audit;

    /** One population per class (one instance per class), shared by the invariant checks: generating it is the slow part. */
    private Snapshot population() throws SQLException {
        if (generated == null) {
            try (TestCa ca = newCa()) {
                tally = generator(ca).generate(PLAN, WORKERS, new PopulationGenerator.Progress() { });
                generated = Snapshot.of(ca);
                // No checkpoint is made here, so the key is never used: the verdict is the hash chain and the counter.
                audit = new AuditChainVerifier(ca.store, ca.authorities.issuing(CaKind.SIGNING).authority().key()
                        .publicKey()).verify();
            }
        }
        return generated;
    }

    @Test
    void everyMunicipalityOfTheCountryIsKnownWithAValidCode() throws SQLException {
        Snapshot population = population();
        assertThat(population.municipalities).hasSize(NationalMunicipalities.COUNT)
                .allSatisfy(code -> assertThat(Municipality.isValidCode(code)).as(code).isTrue());
        assertThat(population.residentsPerMunicipality.size())
                .as("1,000 residents spread over many municipalities, not a few").isGreaterThan(200);
    }

    @Test
    void theTallyMatchesTheStoreAndTheLifeEventsHappened() throws SQLException {
        Snapshot population = population();
        assertThat(population.residents).hasSize(RESIDENTS);
        assertThat(tally.residents()).isEqualTo(RESIDENTS);
        assertThat(tally.certificates()).isEqualTo(population.certificates.size());
        assertThat(population.cardCertificatesWithReason("SUPERSEDED")).isEqualTo(tally.renewals()).isPositive();
        assertThat(population.countWithReason("AFFILIATION_CHANGED")).isEqualTo(tally.movedSigningRevoked()).isPositive();
        assertThat(population.countWithReason("CESSATION_OF_OPERATION")).isEqualTo(tally.deathRevocations()).isPositive();
        assertThat(population.residents.values().stream().filter(r -> r.deceasedOn != null).count())
                .isEqualTo(tally.deaths()).isPositive();
        assertThat(tally.moves()).isPositive();
    }

    @Test
    void everyCertificateIsSignedByItsCaAndHasItsIssueAuditEntry() throws Exception {
        Snapshot population = population();
        for (Certificate certificate : population.certificates.values()) {
            X509Certificate parsed = new JcaX509CertificateConverter().getCertificate(
                    new X509CertificateHolder(certificate.der));
            parsed.verify(population.caKeys.get(certificate.kind));
            assertThat(population.issueAudits.getOrDefault(certificate.serial, 0)).as(certificate.serial).isEqualTo(1);
        }
    }

    @Test
    void statusEventsAreGapFreeAndEndInEachCertificatesRecordedStatus() throws SQLException {
        Snapshot population = population();
        assertThat(population.eventSequences).containsExactlyElementsOf(range(population.eventSequences.size()));
        assertThat(population.auditSequences).containsExactlyElementsOf(range(population.auditSequences.size()));
        for (Certificate certificate : population.certificates.values()) {
            List<String[]> events = population.eventsBySerial.get(certificate.serial);
            assertThat(events.get(0)[0]).isEqualTo("GOOD");
            String[] last = events.get(events.size() - 1);
            assertThat(last[0]).as(certificate.serial).isEqualTo(certificate.status);
            assertThat(last[1]).as(certificate.serial).isEqualTo(certificate.reason);
        }
    }

    @Test
    void theAuditHashChainWrittenByConcurrentWorkersVerifies() throws SQLException {
        Snapshot population = population();
        assertThat(audit.firstProblem()).isEmpty();
        assertThat(audit.entries()).isEqualTo(population.auditSequences.size());
    }

    @Test
    void nobodyDeadHoldsACertificateThatWasLiveAtTheirDeath() throws SQLException {
        Snapshot population = population();
        for (Certificate certificate : population.certificates.values()) {
            Resident holder = population.residents.get(certificate.residentCode);
            if (holder.deceasedOn != null && !certificate.status.equals("REVOKED")) {
                assertThat(JapanTime.dateOf(certificate.notAfter)).as(certificate.serial).isBefore(holder.deceasedOn);
            }
        }
    }

    @Test
    void nobodyUnderFifteenOrUnderGuardianshipGetsASigningCertificate() throws SQLException {
        Snapshot population = population();
        long signing = 0;
        for (Certificate certificate : population.certificates.values()) {
            if (certificate.kind == CaKind.SIGNING) {
                Resident holder = population.residents.get(certificate.residentCode);
                assertThat(Period.between(holder.dateOfBirth, JapanTime.dateOf(certificate.notBefore)).getYears())
                        .isGreaterThanOrEqualTo(15);
                assertThat(holder.adultWard).isFalse();
                signing++;
            }
        }
        assertThat(population.residents.values().stream().filter(r -> r.dateOfBirth.isAfter(
                LocalDate.of(2012, 1, 1)) && population.hasCertificate(r.code)).count())
                .as("children hold authentication certificates").isPositive();
        assertThat(signing).isPositive();
    }

    @Test
    void renewalsLinkOldAndNewBothWays() throws SQLException {
        Snapshot population = population();
        long links = 0;
        for (Certificate certificate : population.certificates.values()) {
            if (certificate.successor != null) {
                Certificate successor = population.certificates.get(certificate.successor);
                assertThat(successor.predecessor).isEqualTo(certificate.serial);
                assertThat(successor.kind).isEqualTo(certificate.kind);
                assertThat(successor.residentCode).isEqualTo(certificate.residentCode);
                assertThat(successor.device).isEqualTo(certificate.device);
                // A renewal supersedes; a re-issue after a move links the certificate the move revoked.
                assertThat(certificate.reason).isIn("SUPERSEDED", "AFFILIATION_CHANGED");
                if ("SUPERSEDED".equals(certificate.reason) && certificate.device.equals("CARD")) {
                    links++;
                }
            }
            if (certificate.predecessor != null) {
                assertThat(population.certificates.get(certificate.predecessor).successor).isEqualTo(certificate.serial);
            }
            // A phone certificate superseded with its card certificate stays unlinked until the phone is registered again.
            if ("SUPERSEDED".equals(certificate.reason) && certificate.device.equals("CARD")) {
                assertThat(certificate.successor).as(certificate.serial).isNotNull();
            }
        }
        assertThat(links).isEqualTo(tally.renewals());
    }

    @Test
    void phoneCertificatesComeInPairsAndFollowTheirCardCertificates() throws SQLException {
        Snapshot population = population();
        List<Certificate> phones = population.certificates.values().stream()
                .filter(c -> c.device.equals("PHONE")).toList();
        assertThat(tally.phoneRegistrations()).as("10 % of signing-certificate holders register a phone").isPositive();
        assertThat(phones).hasSize((int) (2 * tally.phoneRegistrations()));
        assertThat(phones.stream().filter(c -> c.kind == CaKind.SIGNING).count()).isEqualTo(tally.phoneRegistrations());
        for (Certificate phone : phones) {
            Certificate card = population.certificates.get(phone.cardSerial);
            assertThat(card.device).isEqualTo("CARD");
            assertThat(card.kind).isEqualTo(phone.kind);
            assertThat(card.residentCode).isEqualTo(phone.residentCode);
            assertThat(phone.notAfter).as(phone.serial).isBeforeOrEqualTo(card.notAfter);
            if (card.status.equals("REVOKED")) {
                assertThat(phone.status).as("phone %s of revoked card %s", phone.serial, card.serial).isEqualTo("REVOKED");
            }
        }
        assertThat(phones.stream().filter(c -> "SUPERSEDED".equals(c.reason)))
                .as("a card renewal or a new phone supersedes a phone's certificates").isNotEmpty();
    }

    @Test
    void aRunStoppedInsideABatchLeavesNothingOfItAndResumesToTheSameResultAsAnUninterruptedOne() throws SQLException {
        PopulationPlan plan = new PopulationPlan(150, 7, 3, END, 50);
        Map<String, Long> uninterrupted;
        GenerationTally whole;
        try (TestCa ca = newCa()) {
            whole = generator(ca).generate(plan, 1, new PopulationGenerator.Progress() { });
            uninterrupted = counts(ca);
        }
        try (TestCa ca = newCa()) {
            // The worker that commits the first batch fails; the other, waiting for the counters that batch
            // held, is then inside its own batch and stops at its next event.
            assertThatThrownBy(() -> generator(ca).generate(plan, WORKERS, new PopulationGenerator.Progress() {
                @Override
                public void batchStored(long residentsDone, GenerationTally thisRunSoFar) {
                    if (residentsDone == 50) {
                        throw new IllegalStateException("stopped");
                    }
                }
            })).hasMessage("stopped");
            Map<Long, Long> residentsPerBatch = residentsPerBatch(ca, plan);
            assertThat(residentsPerBatch.values()).as("each batch stored whole or not at all").containsOnly(50L);
            assertThat(residentsPerBatch).hasSizeBetween(1, 2);
            GenerationTally stopped = tallyOf(counts(ca));
            List<Long> resumedFrom = new ArrayList<>();
            GenerationTally rest = generator(ca).generate(plan, WORKERS, new PopulationGenerator.Progress() {
                @Override
                public void starting(PopulationPlan p, long residentsAlreadyStored) {
                    resumedFrom.add(residentsAlreadyStored);
                }
            });
            assertThat(resumedFrom).containsExactly(stopped.residents());
            assertThat(counts(ca)).isEqualTo(uninterrupted);
            assertThat(stopped.residents() + rest.residents()).isEqualTo(whole.residents());
            assertThat(stopped.certificates() + rest.certificates()).isEqualTo(whole.certificates());
        }
    }

    @Test
    void aPauseTakesNoFurtherBatchStoresTheBatchesInProgressAndTheNextRunContinues() throws SQLException {
        PopulationPlan plan = new PopulationPlan(150, 7, 3, END, 50);
        try (TestCa ca = newCa()) {
            AtomicBoolean pause = new AtomicBoolean();
            GenerationTally first = generator(ca, pause::get).generate(plan, 1, new PopulationGenerator.Progress() {
                @Override
                public void batchStored(long residentsDone, GenerationTally thisRunSoFar) {
                    pause.set(true);
                }
            });
            assertThat(first.residents()).isEqualTo(50);
            assertThat(residentsPerBatch(ca, plan)).containsExactly(Map.entry(0L, 50L));

            GenerationTally rest = generator(ca).generate(plan, WORKERS, new PopulationGenerator.Progress() { });
            assertThat(rest.residents()).isEqualTo(100);
            assertThat(residentsPerBatch(ca, plan).values()).containsExactly(50L, 50L, 50L);
        }
    }

    /** The CA is made at the end of the simulated history, as the command makes it on a new store. */
    private TestCa newCa() {
        return new TestCa(newDatabase(), KEYS.source(), END);
    }

    /** Residents and certificates in the store, as a tally, for adding to what a resumed run reports. */
    private static GenerationTally tallyOf(Map<String, Long> counts) {
        long certificates = counts.entrySet().stream().filter(e -> e.getKey().startsWith("SIGNING ")
                || e.getKey().startsWith("AUTHENTICATION ")).mapToLong(Map.Entry::getValue).sum();
        return new GenerationTally(counts.get("residents"), certificates, 0, 0, 0, 0, 0, 0, 0);
    }

    private static PopulationGenerator generator(TestCa ca) {
        return generator(ca, () -> false);
    }

    private static PopulationGenerator generator(TestCa ca, BooleanSupplier pauseRequested) {
        return new PopulationGenerator(ca.store, ca.authorities, TestCa.CRL_BASE_URL, () -> false, pauseRequested);
    }

    private static List<Long> range(int size) {
        List<Long> numbers = new ArrayList<>();
        for (long i = 1; i <= size; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    /** What an interrupted and an uninterrupted run must agree on. */
    private static Map<String, Long> counts(TestCa ca) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = ca.store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            counts.put("residents", single(statement, "SELECT count(*) FROM resident"));
            counts.put("deceased", single(statement, "SELECT count(*) FROM resident WHERE deceased_on IS NOT NULL"));
            counts.put("municipalities", single(statement, "SELECT count(*) FROM municipality"));
            counts.put("status events", single(statement, "SELECT count(*) FROM status_event"));
            counts.put("audit entries", single(statement, "SELECT count(*) FROM audit_record"));
            counts.put("linked", single(statement, "SELECT count(*) FROM certificate WHERE successor_serial IS NOT NULL"));
            try (ResultSet rows = statement.executeQuery("SELECT ca_kind, status, revocation_reason, count(*) "
                    + "FROM certificate GROUP BY ca_kind, status, revocation_reason")) {
                while (rows.next()) {
                    counts.put(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3), rows.getLong(4));
                }
            }
        }
        return counts;
    }

    /** Stored residents by the batch they belong to; batches without any are absent. */
    private static Map<Long, Long> residentsPerBatch(TestCa ca, PopulationPlan plan) throws SQLException {
        Map<Long, Long> perBatch = new TreeMap<>();
        try (Connection connection = ca.store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT resident_code FROM resident")) {
            while (rows.next()) {
                perBatch.merge(Long.parseLong(rows.getString(1).substring(1)) / plan.batchSize(), 1L, Long::sum);
            }
        }
        return perBatch;
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private record Resident(String code, LocalDate dateOfBirth, boolean adultWard, LocalDate deceasedOn) {
    }

    private record Certificate(String serial, CaKind kind, String residentCode, String status, String reason,
                               Instant notBefore, Instant notAfter, String predecessor, String successor, byte[] der,
                               String device, String cardSerial) {
    }

    /** The generated tables, read once. */
    private static final class Snapshot {
        final List<String> municipalities = new ArrayList<>();
        final Map<String, Long> residentsPerMunicipality = new HashMap<>();
        final Map<String, Resident> residents = new HashMap<>();
        final Map<String, Certificate> certificates = new HashMap<>();
        final Map<String, List<String[]>> eventsBySerial = new HashMap<>();
        final List<Long> eventSequences = new ArrayList<>();
        final List<Long> auditSequences = new ArrayList<>();
        final Map<String, Integer> issueAudits = new HashMap<>();
        final Map<CaKind, java.security.PublicKey> caKeys = new HashMap<>();

        static Snapshot of(TestCa ca) throws SQLException {
            Snapshot s = new Snapshot();
            for (CaKind kind : CaKind.values()) {
                s.caKeys.put(kind, ca.authorities.issuing(kind).authority().key().publicKey());
            }
            try (Connection connection = ca.store.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT code FROM municipality")) {
                    while (rows.next()) {
                        s.municipalities.add(rows.getString(1));
                    }
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT resident_code, municipality_code, date_of_birth, adult_ward, deceased_on FROM resident")) {
                    while (rows.next()) {
                        java.sql.Date died = rows.getDate(5);
                        s.residents.put(rows.getString(1), new Resident(rows.getString(1), rows.getDate(3).toLocalDate(),
                                rows.getBoolean(4), died == null ? null : died.toLocalDate()));
                        s.residentsPerMunicipality.merge(rows.getString(2), 1L, Long::sum);
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT serial, ca_kind, resident_code, status, "
                        + "revocation_reason, not_before, not_after, predecessor_serial, successor_serial, der, "
                        + "device, card_serial FROM certificate")) {
                    while (rows.next()) {
                        s.certificates.put(rows.getString(1), new Certificate(rows.getString(1),
                                CaKind.valueOf(rows.getString(2)), rows.getString(3), rows.getString(4), rows.getString(5),
                                rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant(), rows.getString(8),
                                rows.getString(9), rows.getBytes(10), rows.getString(11), rows.getString(12)));
                    }
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT seq, serial, status, revocation_reason FROM status_event ORDER BY seq")) {
                    while (rows.next()) {
                        s.eventSequences.add(rows.getLong(1));
                        s.eventsBySerial.computeIfAbsent(rows.getString(2), k -> new ArrayList<>())
                                .add(new String[] {rows.getString(3), rows.getString(4)});
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT seq, action, serial FROM audit_record ORDER BY seq")) {
                    while (rows.next()) {
                        s.auditSequences.add(rows.getLong(1));
                        if (rows.getString(2).equals("certificate.issue")) {
                            s.issueAudits.merge(rows.getString(3), 1, Integer::sum);
                        }
                    }
                }
            }
            return s;
        }

        long countWithReason(String reason) {
            return certificates.values().stream().filter(c -> reason.equals(c.reason)).count();
        }

        long cardCertificatesWithReason(String reason) {
            return certificates.values().stream().filter(c -> c.device.equals("CARD") && reason.equals(c.reason)).count();
        }

        boolean hasCertificate(String residentCode) {
            return certificates.values().stream().anyMatch(c -> c.residentCode.equals(residentCode));
        }
    }
}
