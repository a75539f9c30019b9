package jp.shomei.verifier.validation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;

/**
 * The answer about one certificate at one instant. Kind, record and status are present only for a
 * certificate that chains to one of the caller's trust anchors: about any other the caller learns
 * nothing it did not send.
 */
public record Validation(Optional<BigInteger> serial, Instant checkedAt, Optional<CaKind> kind,
                         Optional<CertificateRecord> record, Optional<StatusAt> status, List<Reason> reasons) {

    public boolean valid() {
        return reasons.isEmpty();
    }
}
