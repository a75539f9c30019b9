package jp.shomei.ca.feed;

import static jp.shomei.ca.testsupport.TestCa.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.events.StatusChange;
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

class StatusChangeFeedTest {

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    TestCa ca;
    BigInteger serial;

    @BeforeEach
    void issueAndRevokeOneCertificate() {
        ca = new TestCa(DatabaseConfig.inMemory("feed-" + UUID.randomUUID()), KEYS.source(), Instant.parse("2026-11-22T01:00:00Z"));
        ca.services.residents().put(CHIYODA, new Resident("00000000001", "131016", new BasicFour(
                FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
        serial = ca.services.certificates().enroll(CHIYODA, "00000000001", CaKind.AUTHENTICATION,
                TestRequests.publicKeyInfo(TestRequests.rsa(2048)), LocalDate.of(2036, 1, 1)).serial();
        ca.services.certificates().suspend(CHIYODA, serial);
    }

    @AfterEach
    void close() {
        ca.close();
    }

    @Test
    void deliversEveryCommittedChangeInSequenceOrder() {
        List<StatusChange> seen = new CopyOnWriteArrayList<>();
        try (StatusChangeFeed feed = new StatusChangeFeed(ca.store, 0, Duration.ofMillis(50))) {
            feed.subscribe(seen::add);
            feed.catchUp();
            assertThat(seen).extracting(StatusChange::status).containsExactly(CertificateStatus.GOOD, CertificateStatus.ON_HOLD);
            assertThat(seen).extracting(StatusChange::sequence).containsExactly(1L, 2L);
            assertThat(feed.lastDelivered()).isEqualTo(2);
        }
    }

    @Test
    void resumesAfterTheLastSequenceASubscriberAlreadyReflects() {
        List<StatusChange> seen = new CopyOnWriteArrayList<>();
        try (StatusChangeFeed feed = new StatusChangeFeed(ca.store, 1, Duration.ofMillis(50))) {
            feed.subscribe(seen::add);
            feed.catchUp();
        }
        assertThat(seen).extracting(StatusChange::sequence).containsExactly(2L);
    }

    @Test
    void pollsForChangesCommittedAfterItStarted() throws InterruptedException {
        CountDownLatch revoked = new CountDownLatch(1);
        try (StatusChangeFeed feed = new StatusChangeFeed(ca.store, 2, Duration.ofMillis(20))) {
            feed.subscribe(change -> {
                if (change.status() == CertificateStatus.REVOKED && change.serial().equals(serial)
                        && change.revocationReason().equals(Optional.of(RevocationReason.KEY_COMPROMISE))) {
                    revoked.countDown();
                }
            });
            feed.start();
            ca.services.certificates().revoke(CHIYODA, serial, RevocationReason.KEY_COMPROMISE);
            assertThat(revoked.await(30, TimeUnit.SECONDS)).as("revocation delivered").isTrue();
        }
    }

    @Test
    void refusesAnUnusablePollInterval() {
        assertThatThrownBy(() -> new StatusChangeFeed(ca.store, 0, Duration.ZERO))
                .hasMessageContaining("poll interval");
    }
}
