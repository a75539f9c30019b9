package jp.shomei.ocsp.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import org.junit.jupiter.api.Test;

/** The compact status table keeps exactly what OCSP needs for every 127-bit serial, through growth and updates. */
class StatusTableTest {

    private static final Instant AT = Instant.parse("2026-11-22T01:02:03Z");

    @Test
    void everyStateRoundTripsThroughGrowthAndUpdates() {
        StatusTable table = new StatusTable();
        SecureRandom random = new SecureRandom();
        Map<BigInteger, CertState> expected = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE).min(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
            CertState state = switch (i % 4) {
                case 0 -> new CertState(CertificateStatus.GOOD, Optional.empty(), AT);
                case 1 -> new CertState(CertificateStatus.ON_HOLD, Optional.empty(), AT.plusSeconds(i));
                // the authentication certificate of a face-only card
                case 2 -> new CertState(CertificateStatus.GOOD, Optional.empty(), AT.plusSeconds(i),
                        AuthenticationMode.FACE);
                default -> new CertState(CertificateStatus.REVOKED,
                        Optional.of(RevocationReason.values()[i % RevocationReason.values().length]), AT.minusSeconds(i));
            };
            table.put(serial, state);
            expected.put(serial, state);
        }
        BigInteger updated = expected.keySet().iterator().next();
        CertState revoked = new CertState(CertificateStatus.REVOKED, Optional.of(RevocationReason.KEY_COMPROMISE), AT);
        table.put(updated, revoked);
        expected.put(updated, revoked);

        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((serial, state) -> assertThat(table.find(serial)).contains(state));
        assertThat(table.find(BigInteger.valueOf(12345))).isEmpty();
    }

    @Test
    void serialsShomeiNeverIssuesAreNeverFoundAndCannotBeStored() {
        StatusTable table = new StatusTable();
        BigInteger tooLong = BigInteger.ONE.shiftLeft(127);
        assertThat(table.find(tooLong)).isEmpty();
        assertThat(table.find(BigInteger.ZERO)).isEmpty();
        assertThat(table.find(BigInteger.valueOf(-5))).isEmpty();
        assertThatThrownBy(() -> table.put(tooLong, new CertState(CertificateStatus.GOOD, Optional.empty(), AT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127-bit");
    }

    @Test
    void aSuspensionAlwaysCarriesCertificateHoldAndGoodCarriesNoReason() {
        assertThat(new CertState(CertificateStatus.ON_HOLD, Optional.empty(), AT).reason())
                .contains(RevocationReason.CERTIFICATE_HOLD);
        assertThat(new CertState(CertificateStatus.GOOD, Optional.of(RevocationReason.SUPERSEDED), AT).reason()).isEmpty();
        assertThat(new CertState(CertificateStatus.GOOD, Optional.empty(), AT.plusMillis(999)).since()).isEqualTo(AT);
    }
}
