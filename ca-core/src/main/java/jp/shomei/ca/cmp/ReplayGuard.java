package jp.shomei.ca.cmp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;

/**
 * Refuses a message seen before. Every request must carry a messageTime within {@link #WINDOW} of
 * Shomei's clock; within that window the guard remembers each senderNonce and the transactionID of
 * each new transaction, so a replay is caught while it is fresh and is stale once it is forgotten.
 * Memory is bounded by the window and by {@link #CAPACITY}: when full, new messages are refused
 * (systemUnavail) rather than old nonces forgotten early. The memory does not survive a restart; a
 * request replayed across one still meets the lifecycle, which certifies no key twice and revokes no
 * certificate twice.
 */
final class ReplayGuard {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int CAPACITY = 1_000_000;
    private static final int NONCE_BYTES = 16;

    private final Clock clock;
    /** Nonces and transaction IDs in the order they were first seen, with when. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /** For the first message of a transaction: its transactionID and senderNonce must both be new. */
    void admitNewTransaction(PKIHeader header) {
        String transaction = transactionKey(header);
        String nonce = nonceKey(header);
        Instant now = requireFresh(header);
        synchronized (seen) {
            forgetBefore(now.minus(WINDOW.multipliedBy(2)));
            if (seen.containsKey(transaction)) {
                throw new CmpFailure(PKIFailureInfo.transactionIdInUse, "transactionID "
                        + transaction.substring(2) + " was used before; start a new transaction with a new one");
            }
            requireNewNonce(nonce);
            remember(transaction, now);
            remember(nonce, now);
        }
    }

    /** For a later message of a transaction (certConf): only its senderNonce must be new. */
    void admitContinuation(PKIHeader header) {
        transactionKey(header);
        String nonce = nonceKey(header);
        Instant now = requireFresh(header);
        synchronized (seen) {
            forgetBefore(now.minus(WINDOW.multipliedBy(2)));
            requireNewNonce(nonce);
            remember(nonce, now);
        }
    }

    private void requireNewNonce(String nonce) {
        if (seen.containsKey(nonce)) {
            throw new CmpFailure(PKIFailureInfo.badSenderNonce, "senderNonce " + nonce.substring(2)
                    + " was used before: the message is a replay");
        }
    }

    private void remember(String key, Instant now) {
        if (seen.size() >= CAPACITY) {
            throw new CmpFailure(PKIFailureInfo.systemUnavail, "too many transactions in the last "
                    + WINDOW.toMinutes() + " minutes; try again shortly");
        }
        seen.put(key, now);
    }

    private void forgetBefore(Instant oldest) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(oldest)) {
            entries.remove();
        }
    }

    private Instant requireFresh(PKIHeader header) {
        Instant now = clock.instant();
        ASN1GeneralizedTime messageTime = header.getMessageTime();
        if (messageTime == null) {
            throw new CmpFailure(PKIFailureInfo.badTime, "messageTime is required, so that replays can be recognised");
        }
        Instant sent;
        try {
            sent = messageTime.getDate().toInstant();
        } catch (java.text.ParseException e) {
            throw CmpFailure.badDataFormat("messageTime cannot be read: " + e.getMessage());
        }
        if (Duration.between(sent, now).abs().compareTo(WINDOW) > 0) {
            throw new CmpFailure(PKIFailureInfo.badTime, "messageTime " + sent + " is more than "
                    + WINDOW.toMinutes() + " minutes from the server's time " + now);
        }
        return now;
    }

    private static String transactionKey(PKIHeader header) {
        return "t:" + HexFormat.of().formatHex(required(header.getTransactionID(), "transactionID"));
    }

    private static String nonceKey(PKIHeader header) {
        return "n:" + HexFormat.of().formatHex(required(header.getSenderNonce(), "senderNonce"));
    }

    /** RFC 9483 §3.1: transactionID and senderNonce are present and hold at least 128 random bits. */
    private static byte[] required(ASN1OctetString value, String field) {
        if (value == null || value.getOctets().length < NONCE_BYTES) {
            throw CmpFailure.badRequest(field + " must be present and at least " + NONCE_BYTES + " bytes long");
        }
        return value.getOctets();
    }
}
