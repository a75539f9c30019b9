package jp.shomei.ca.lifecycle;

import java.math.BigInteger;
import java.util.Optional;
import jp.shomei.ca.certificate.CertificateRecord;

/** Old-to-new linkage between a replaced certificate and its successor. */
final class Links {

    private Links() {
    }

    static CertificateRecord withSuccessor(CertificateRecord c, BigInteger successor) {
        return new CertificateRecord(c.serial(), c.caKind(), c.caGeneration(), c.residentCode(),
                c.municipalityCode(), c.crlPartition(), c.subjectCommonName(), c.notBefore(), c.notAfter(),
                c.cardExpiresOn(), c.status(), c.revocationReason(), c.statusChangedAt(), c.predecessorSerial(),
                Optional.of(successor), c.der());
    }
}
