package jp.shomei.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.app.support.ShomeiProcess;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.RevocationReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is killed (SIGKILL, as a power cut would stop it) in the middle of a burst of concurrent
 * issuance and status changes, and started again on the same data directory, several times. After
 * every restart: no serial was issued twice; every certificate a client received is in the store,
 * byte for byte, with its audit entry; every acknowledged status change is there; the status-change
 * log has no gap and agrees with the certificate rows, and the audit log with it; and
 * {@code openssl ocsp}, the CRL read by {@code openssl crl} and the store agree on every certificate.
 */
class CrashConsistencyTest {

    private static final int ROUNDS = 2;
    private static final int CLIENT_THREADS = 6;
    private static final int OCSP_SERIALS_PER_REQUEST = 20;
    private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy 'GMT'",
            Locale.ROOT);

    @TempDir
    Path root;

    @Test
    void killedMidBurstTheServerComesBackWithEveryAcknowledgedChangeAndNothingHalfDone() throws Exception {
        Path data = root.resolve("data");
        Map<String, String> environment = RunningShomei.environmentForThisRun();
        ClientLedger ledger = new ClientLedger();
        AtomicLong residentCodes = new AtomicLong(20_000_000_000L);
        ShomeiProcess server = ShomeiProcess.start(data, environment, 0);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                IssuanceBurst burst = new IssuanceBurst(server.as(RunningShomei.CHIYODA), ledger, residentCodes)
                        .start(CLIENT_THREADS);
                awaitAcknowledgements(burst, 8 + ThreadLocalRandom.current().nextInt(20));
                server.killNow();
                burst.awaitEnd();
                assertThat(burst.unexpectedAnswers()).as("answers other than success or a lost connection").isEmpty();

                Instant restarted = Instant.now();
                server = ShomeiProcess.start(data, environment, round);
                long started = System.nanoTime();
                StoreView store = StoreView.read(data);
                Path caPem = OpenSsl.writePem(root, "sign-ca.pem", new X509CertificateHolder(store.signingCa()));

                assertNothingLostOrHalfDone(ledger, store);
                assertOcspAgrees(server, caPem, store);
                assertLatestCrlAgrees(server, caPem, store, restarted);
                System.out.printf("crash round %d: %d certificates received by clients, %d in the store, "
                        + "%d status events, %d audit entries; restart took %d s, checks %d s%n", round, ledger.size(),
                        store.certificates().size(), store.events().size(), store.audits().size(),
                        Duration.between(restarted, Instant.now()).toSeconds()
                                - Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        } finally {
            server.close();
        }
    }

    private static void awaitAcknowledgements(IssuanceBurst burst, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (burst.acknowledgements() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(burst.acknowledgements()).as("acknowledged requests before the kill").isGreaterThanOrEqualTo(count);
    }

    private static void assertNothingLostOrHalfDone(ClientLedger ledger, StoreView store) {
        assertThat(ledger.servedTwice()).as("serials handed to two clients").isEmpty();

        for (ClientLedger.Received received : ledger.received().values()) {
            StoreView.Row row = store.certificates().get(received.serial());
            assertThat(row).as("certificate %x, received by a client", received.serial()).isNotNull();
            assertThat(row.der()).as("stored certificate %x", received.serial()).isEqualTo(received.der());
            ClientLedger.Status stored = new ClientLedger.Status(row.status(), row.reason());
            List<ClientLedger.Status> possible = new ArrayList<>(List.of(received.acknowledged()));
            received.inFlight().ifPresent(possible::add);
            assertThat(stored).as("status of %x (acknowledged %s)", received.serial(), received.acknowledged())
                    .isIn(possible);
        }

        List<Long> eventNumbers = store.events().stream().map(StoreView.Event::seq).toList();
        assertThat(eventNumbers).as("status-change sequence").isEqualTo(oneTo(eventNumbers.size()));
        List<Long> auditNumbers = store.audits().stream().map(StoreView.Audit::seq).toList();
        assertThat(auditNumbers).as("audit sequence").isEqualTo(oneTo(auditNumbers.size()));

        Map<BigInteger, StoreView.Event> latest = new HashMap<>();
        Map<BigInteger, Long> eventsPerSerial = new HashMap<>();
        for (StoreView.Event event : store.events()) {
            latest.put(event.serial(), event);
            eventsPerSerial.merge(event.serial(), 1L, Long::sum);
        }
        Map<BigInteger, Long> auditsPerSerial = store.audits().stream()
                .filter(audit -> audit.serial() != null && audit.action().startsWith("certificate."))
                .collect(Collectors.groupingBy(StoreView.Audit::serial, Collectors.counting()));
        for (StoreView.Row row : store.certificates().values()) {
            StoreView.Event last = latest.get(row.serial());
            assertThat(last).as("status events of %x", row.serial()).isNotNull();
            assertThat(new ClientLedger.Status(last.status(), last.reason())).as("latest status event of %x", row.serial())
                    .isEqualTo(new ClientLedger.Status(row.status(), row.reason()));
            assertThat(auditsPerSerial.get(row.serial())).as("audit entries of %x, one per status event", row.serial())
                    .isEqualTo(eventsPerSerial.get(row.serial()));
            assertThat(store.audits()).as("issue audit entry of %x", row.serial())
                    .anyMatch(audit -> row.serial().equals(audit.serial()) && audit.action().equals("certificate.issue"));
        }
    }

    /** openssl ocsp against the validation listener: each certificate's status and revocation reason. */
    private static void assertOcspAgrees(ShomeiProcess server, Path caPem, StoreView store) {
        List<BigInteger> serials = new ArrayList<>(store.certificates().keySet());
        Map<BigInteger, String> answered = new HashMap<>();
        for (int from = 0; from < serials.size(); from += OCSP_SERIALS_PER_REQUEST) {
            List<String> command = new ArrayList<>(List.of("ocsp", "-no_nonce", "-issuer", caPem.toString(),
                    "-CAfile", caPem.toString(), "-url", server.validationUrl() + "/ocsp/sign"));
            for (BigInteger serial : serials.subList(from, Math.min(serials.size(), from + OCSP_SERIALS_PER_REQUEST))) {
                command.add("-serial");
                command.add("0x" + serial.toString(16));
            }
            OpenSsl.Outcome outcome = OpenSsl.run(caPem.getParent(), command.toArray(String[]::new));
            assertThat(outcome.output() + outcome.errors()).as("openssl ocsp").contains("Response verify OK");
            answered.putAll(ocspStatuses(outcome.output()));
        }
        for (StoreView.Row row : store.certificates().values()) {
            assertThat(answered.get(row.serial())).as("OCSP status of %x (store: %s %s)", row.serial(), row.status(),
                    row.reason()).isEqualTo(ocspView(row));
        }
    }

    private static Map<BigInteger, String> ocspStatuses(String output) {
        Map<BigInteger, String> statuses = new HashMap<>();
        Matcher matcher = Pattern.compile("0x([0-9A-Fa-f]+): (good|revoked|unknown)(?:\\s+This Update:[^\\n]*)?"
                + "(?:\\s+Next Update:[^\\n]*)?(?:\\s+Reason: (\\w+))?").matcher(output);
        while (matcher.find()) {
            statuses.put(new BigInteger(matcher.group(1), 16),
                    matcher.group(2) + (matcher.group(3) == null ? "" : " " + matcher.group(3)));
        }
        return statuses;
    }

    private static String ocspView(StoreView.Row row) {
        return switch (row.status()) {
            case "GOOD" -> "good";
            case "ON_HOLD" -> "revoked certificateHold";
            default -> "revoked " + RevocationReason.valueOf(row.reason()).rfcName();
        };
    }

    /**
     * The newest complete CRL of the municipality, fetched once it was made after the restart, checked
     * by openssl crl against the CA, lists exactly the certificates the store has revoked or suspended.
     */
    private static void assertLatestCrlAgrees(ShomeiProcess server, Path caPem, StoreView store, Instant restarted)
            throws Exception {
        Path crl = caPem.resolveSibling("131016.crl");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String text;
        do {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(
                    URI.create(server.validationUrl() + "/crl/sign/131016.crl")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofFile(crl));
            text = response.statusCode() == 200 ? crlText(caPem, crl) : "";
            if (!text.isEmpty() && !lastUpdate(text).isBefore(restarted.minusSeconds(1))) {
                break;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        assertThat(text).as("a complete CRL made after the restart").isNotEmpty();
        assertThat(lastUpdate(text)).as("its lastUpdate").isAfterOrEqualTo(restarted.minusSeconds(1));

        Map<BigInteger, String> listed = new HashMap<>();
        Matcher entry = Pattern.compile("Serial Number: ([0-9A-F]+)\\s+Revocation Date:[^\\n]*"
                + "(?:\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+([^\\n]+))?").matcher(text);
        while (entry.find()) {
            listed.put(new BigInteger(entry.group(1), 16), entry.group(2) == null ? "Unspecified" : entry.group(2).trim());
        }
        Map<BigInteger, String> expected = new HashMap<>();
        for (StoreView.Row row : store.certificates().values()) {
            if (!row.status().equals("GOOD")) {
                expected.put(row.serial(), row.status().equals("ON_HOLD") ? "Certificate Hold" : "Key Compromise");
            }
        }
        assertThat(listed).as("entries of the CRL").isEqualTo(expected);
    }

    private static String crlText(Path caPem, Path crl) {
        OpenSsl.Outcome outcome = OpenSsl.run(crl.getParent(), "crl", "-inform", "DER", "-in", crl.toString(),
                "-CAfile", caPem.toString(), "-noout", "-text");
        assertThat(outcome.errors()).as("openssl crl signature check").contains("verify OK");
        return outcome.output();
    }

    private static Instant lastUpdate(String crlText) {
        Matcher matcher = Pattern.compile("Last Update: ([^\\n]+)").matcher(crlText);
        assertThat(matcher.find()).as("lastUpdate in\n%s", crlText).isTrue();
        return ZonedDateTime.of(java.time.LocalDateTime.parse(matcher.group(1).trim().replaceAll(" +", " "),
                OPENSSL_TIME), ZoneOffset.UTC).toInstant();
    }

    private static List<Long> oneTo(int count) {
        List<Long> numbers = new ArrayList<>(count);
        for (long i = 1; i <= count; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
