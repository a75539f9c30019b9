package jp.shomei.ca.ejbca;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Optional;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CertificateLifecycle;

/**
 * PUT /certificate/{issuer_dn}/{serial}/revoke and GET .../revocationstatus. EJBCA counts a suspended
 * certificate as revoked with reason CERTIFICATE_HOLD and lifts the hold with REMOVE_FROM_CRL, which
 * matches Shomei's suspend and resume exactly.
 */
final class Revocations {

    private final CertificateLifecycle lifecycle;

    Revocations(CertificateLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** @param reason the {@code reason} query parameter, null when absent */
    JsonObject revoke(Actor actor, CaKind issuer, String issuerDn, String serialText, String reason, boolean backdated,
                      boolean withInvalidityDate) {
        BigInteger serial = EjbcaCertificates.parseSerial(serialText);
        if (reason == null) {
            throw new EjbcaError(400, "Invalid revocation reason.");
        }
        if (backdated) {
            throw new EjbcaError(422, "Back dated revocation not allowed: Shomei records every revocation at the time"
                    + " it is requested");
        }
        if (withInvalidityDate) {
            throw new EjbcaError(400, "invalidity_date is not supported: the invalidity date is the time of revocation");
        }
        CertificateRecord certificate = issuedBy(actor, issuer, issuerDn, serial, serialText);
        CertificateRecord changed = switch (reason) {
            case "CERTIFICATE_HOLD" -> lifecycle.suspend(actor, certificate.serial());
            case "REMOVE_FROM_CRL" -> lifecycle.resume(actor, certificate.serial());
            case "CA_COMPROMISE", "AA_COMPROMISE" -> throw new EjbcaError(400, "Revocation reason " + reason
                    + " does not apply to end entity certificates");
            default -> lifecycle.revoke(actor, certificate.serial(), shomeiReason(reason));
        };
        JsonObject response = new JsonObject()
                .put("issuer_dn", issuerDn)
                .put("serial_number", serialText)
                .put("revocation_reason", reason);
        revocationDate(changed).ifPresent(date -> response.put("revocation_date", date));
        return response.put("message", "Successfully revoked").put("revoked", isRevoked(changed));
    }

    JsonObject status(Actor actor, CaKind issuer, String issuerDn, String serialText) {
        BigInteger serial = EjbcaCertificates.parseSerial(serialText);
        CertificateRecord certificate = issuedBy(actor, issuer, issuerDn, serial, serialText);
        JsonObject response = new JsonObject()
                .put("issuer_dn", issuerDn)
                .put("serial_number", serialText)
                .put("revocation_reason", ejbcaReason(certificate));
        revocationDate(certificate).ifPresent(date -> response.put("revocation_date", date));
        return response.put("revoked", isRevoked(certificate));
    }

    /** The certificate, if the named CA issued it; one from the other hierarchy is as unknown as none. */
    private CertificateRecord issuedBy(Actor actor, CaKind issuer, String issuerDn, BigInteger serial, String serialText) {
        CertificateRecord certificate = lifecycle.history(actor, serial).certificate();
        if (certificate.caKind() != issuer) {
            throw new EjbcaError(404, "Certificate with serial number '" + JsonFields.abbreviate(serialText)
                    + "' and issuer DN '" + JsonFields.abbreviate(issuerDn) + "' was not found");
        }
        return certificate;
    }

    /** EJBCA's reason names for those Shomei records; anything else is not a reason a municipality may give. */
    private static RevocationReason shomeiReason(String reason) {
        for (RevocationReason candidate : RevocationReason.values()) {
            if (candidate != RevocationReason.CERTIFICATE_HOLD && ejbcaName(candidate).equals(reason)) {
                return candidate;
            }
        }
        throw new EjbcaError(400, "Invalid revocation reason.");
    }

    static String ejbcaReason(CertificateRecord certificate) {
        return certificate.status() == CertificateStatus.GOOD ? "NOT_REVOKED"
                : certificate.revocationReason().map(Revocations::ejbcaName).orElse("UNSPECIFIED");
    }

    private static String ejbcaName(RevocationReason reason) {
        return reason == RevocationReason.PRIVILEGE_WITHDRAWN ? "PRIVILEGES_WITHDRAWN" : reason.name();
    }

    private static boolean isRevoked(CertificateRecord certificate) {
        return certificate.status() != CertificateStatus.GOOD;
    }

    private static Optional<String> revocationDate(CertificateRecord certificate) {
        return isRevoked(certificate) ? Optional.of(EjbcaDates.format(certificate.statusChangedAt())) : Optional.empty();
    }
}
