package jp.shomei.ca.cmp;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certificates issued to clients that did not ask for implicit confirmation, waiting for their
 * certConf (RFC 9483 §4.1.1). The certificate is already issued, recorded and audited; the
 * confirmation only decides whether it stays (accepted) or is revoked (rejected by the client). An
 * unconfirmed certificate is forgotten after {@link ReplayGuard#WINDOW} and stays issued: the
 * municipality can revoke it through the JSON API or rr.
 */
final class PendingConfirmations {

    private static final int CAPACITY = 100_000;

    /** One issued certificate, and the nonce of the response that delivered it (the certConf's recipNonce). */
    record Pending(String municipalityCode, ASN1Integer certReqId, BigInteger serial,
                   X509CertificateHolder certificate, byte[] responseNonce, Instant issuedAt) {
    }

    private final Clock clock;
    private final LinkedHashMap<String, Pending> byTransaction = new LinkedHashMap<>();

    PendingConfirmations(Clock clock) {
        this.clock = clock;
    }

    void await(byte[] transactionId, Pending pending) {
        synchronized (byTransaction) {
            forgetExpired();
            if (byTransaction.size() >= CAPACITY) {
                throw new CmpFailure(PKIFailureInfo.systemUnavail, "too many certificates await confirmation; "
                        + "ask for implicit confirmation or try again shortly");
            }
            byTransaction.put(HexFormat.of().formatHex(transactionId), pending);
        }
    }

    /** The certificate awaiting confirmation in this transaction, removed from the waiting list. */
    Optional<Pending> take(byte[] transactionId) {
        synchronized (byTransaction) {
            forgetExpired();
            return Optional.ofNullable(byTransaction.remove(HexFormat.of().formatHex(transactionId)));
        }
    }

    private void forgetExpired() {
        Instant oldest = clock.instant().minus(ReplayGuard.WINDOW);
        Iterator<Map.Entry<String, Pending>> entries = byTransaction.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().issuedAt().isBefore(oldest)) {
            entries.remove();
        }
    }
}
