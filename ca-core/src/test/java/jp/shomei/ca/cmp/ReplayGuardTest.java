package jp.shomei.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.shomei.keys.testsupport.MutableClock;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** The replay guard: fresh messages only, each transactionID and senderNonce once while fresh. */
class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MutableClock clock = new MutableClock(NOW);
    private final ReplayGuard guard = new ReplayGuard(clock);

    @Test
    void aNewTransactionWithANewNonceIsAdmittedOnce() {
        PKIHeader header = header(random(), random(), NOW);

        guard.admitNewTransaction(header);

        assertThat(refusal(() -> guard.admitNewTransaction(header)).failInfo()).isEqualTo(PKIFailureInfo.transactionIdInUse);
    }

    @Test
    void aNonceSeenBeforeIsABadSenderNonceEvenInAnotherTransaction() {
        byte[] nonce = random();
        guard.admitNewTransaction(header(random(), nonce, NOW));

        assertThat(refusal(() -> guard.admitNewTransaction(header(random(), nonce, NOW))).failInfo())
                .isEqualTo(PKIFailureInfo.badSenderNonce);
        assertThat(refusal(() -> guard.admitContinuation(header(random(), nonce, NOW))).failInfo())
                .isEqualTo(PKIFailureInfo.badSenderNonce);
    }

    @Test
    void aContinuationMayReuseItsTransactionIdButNotANonce() {
        byte[] transaction = random();
        guard.admitNewTransaction(header(transaction, random(), NOW));

        guard.admitContinuation(header(transaction, random(), NOW));
    }

    @Test
    void aMessageTimeMoreThanFiveMinutesFromTheClockIsABadTimeEitherWay() {
        assertThat(refusal(() -> guard.admitNewTransaction(header(random(), random(), NOW.minusSeconds(301))))
                .failInfo()).isEqualTo(PKIFailureInfo.badTime);
        assertThat(refusal(() -> guard.admitNewTransaction(header(random(), random(), NOW.plusSeconds(301))))
                .failInfo()).isEqualTo(PKIFailureInfo.badTime);
        guard.admitNewTransaction(header(random(), random(), NOW.minusSeconds(299)));
    }

    @Test
    void aReplayIsStaleByTheTimeItsNonceIsForgotten() {
        PKIHeader header = header(random(), random(), NOW.plus(ReplayGuard.WINDOW));
        guard.admitNewTransaction(header);

        clock.set(NOW.plus(ReplayGuard.WINDOW.multipliedBy(2)));
        assertThat(refusal(() -> guard.admitNewTransaction(header)).failInfo()).isEqualTo(PKIFailureInfo.transactionIdInUse);
        clock.advance(Duration.ofSeconds(1));
        assertThat(refusal(() -> guard.admitNewTransaction(header)).failInfo()).isEqualTo(PKIFailureInfo.badTime);
    }

    @Test
    void aShortOrMissingNonceIsABadRequest() {
        assertThat(refusal(() -> guard.admitNewTransaction(header(random(), new byte[8], NOW))).text())
                .contains("senderNonce must be present and at least 16 bytes long");
        assertThat(refusal(() -> guard.admitNewTransaction(header(null, random(), NOW))).failInfo())
                .isEqualTo(PKIFailureInfo.badRequest);
    }

    private static PKIHeader header(byte[] transactionId, byte[] senderNonce, Instant messageTime) {
        PKIHeaderBuilder builder = new PKIHeaderBuilder(PKIHeader.CMP_2000,
                new GeneralName(new X500Name("CN=sender")), new GeneralName(new X500Name("CN=recipient")));
        if (transactionId != null) {
            builder.setTransactionID(transactionId);
        }
        return builder.setSenderNonce(senderNonce)
                .setMessageTime(new ASN1GeneralizedTime(Date.from(messageTime)))
                .build();
    }

    private static CmpFailure refusal(Runnable admission) {
        return catchThrowableOfType(CmpFailure.class, admission::run);
    }

    private static byte[] random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
