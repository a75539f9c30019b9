package jp.shomei.ca.lifecycle;

import java.math.BigInteger;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.StoreTransaction;

/**
 * The rules of access: a municipality acts only on residents registered to it now, and on their
 * certificates; the call centre only suspends, but any resident's certificate.
 */
final class Access {

    private Access() {
    }

    static Resident ownResident(StoreTransaction tx, Actor actor, String residentCode) {
        return requireOwn(actor, tx.resident(residentCode)
                .orElseThrow(() -> residentNotFound(residentCode)));
    }

    static Resident ownResidentForUpdate(StoreTransaction tx, Actor actor, String residentCode) {
        return requireOwn(actor, tx.lockResident(residentCode)
                .orElseThrow(() -> residentNotFound(residentCode)));
    }

    static CertificateRecord ownCertificate(StoreTransaction tx, Actor actor, BigInteger serial) {
        CertificateRecord certificate = tx.certificate(serial).orElseThrow(() -> certificateNotFound(serial));
        ownResident(tx, actor, certificate.residentCode());
        return certificate;
    }

    static CertificateRecord ownCertificateForUpdate(StoreTransaction tx, Actor actor, BigInteger serial) {
        CertificateRecord certificate = tx.lockCertificate(serial).orElseThrow(() -> certificateNotFound(serial));
        ownResident(tx, actor, certificate.residentCode());
        return certificate;
    }

    /** The certificate, locked, for a suspension: the call centre may suspend any resident's certificate. */
    static CertificateRecord certificateForSuspension(StoreTransaction tx, Actor actor, BigInteger serial) {
        if (!actor.isCallCentre()) {
            return ownCertificateForUpdate(tx, actor, serial);
        }
        return tx.lockCertificate(serial).orElseThrow(() -> certificateNotFound(serial));
    }

    /** The certificate, unlocked, as a suspension would find it: for the call centre, any resident's. */
    static CertificateRecord certificateToSuspend(StoreTransaction tx, Actor actor, BigInteger serial) {
        if (!actor.isCallCentre()) {
            return ownCertificate(tx, actor, serial);
        }
        return tx.certificate(serial).orElseThrow(() -> certificateNotFound(serial));
    }

    /** Refuses the call centre: what follows is for municipalities only. */
    static void requireMunicipality(Actor actor) {
        if (actor.isCallCentre()) {
            throw new RefusedException(Problem.ROLE_NOT_PERMITTED, "the call centre may only suspend certificates;"
                    + " resuming, revoking and every other change stay with the resident's municipality");
        }
    }

    private static Resident requireOwn(Actor actor, Resident resident) {
        requireMunicipality(actor);
        if (!resident.municipalityCode().equals(actor.municipalityCode())) {
            throw new RefusedException(Problem.FOREIGN_MUNICIPALITY, "resident " + resident.residentCode()
                    + " is not registered to municipality " + actor.municipalityCode());
        }
        return resident;
    }

    private static RefusedException residentNotFound(String residentCode) {
        return new RefusedException(Problem.RESIDENT_NOT_FOUND, "no resident with code " + residentCode);
    }

    private static RefusedException certificateNotFound(BigInteger serial) {
        return new RefusedException(Problem.CERTIFICATE_NOT_FOUND,
                "no certificate with serial " + serial.toString(16));
    }
}
