package jp.shomei.ca.lifecycle;

import java.util.Objects;
import jp.shomei.ca.resident.Municipality;

/**
 * Who asks for a change, identified by its client credential. A municipality's issuance system acts on
 * the residents registered to it; the call centre (24-hour loss reports) acts on anyone's certificate
 * but may only suspend it. The name is what the audit log records.
 *
 * @param municipalityCode the municipality a {@link Role#MUNICIPALITY} acts for; null for the call centre
 */
public record Actor(String municipalityCode, String name, Role role) {

    /** What a credential may do. */
    public enum Role {
        /** A municipality's issuance system: everything, for its own residents. */
        MUNICIPALITY,
        /** The loss-report call centre (コールセンター): suspends certificates of any resident, nothing else. */
        CALL_CENTRE
    }

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role == Role.MUNICIPALITY && !Municipality.isValidCode(municipalityCode)) {
            throw new IllegalArgumentException("not a local government code: " + municipalityCode);
        }
        if (role == Role.CALL_CENTRE && municipalityCode != null) {
            throw new IllegalArgumentException("the call centre acts for no municipality");
        }
    }

    /** A municipality's issuance system. */
    public Actor(String municipalityCode, String name) {
        this(municipalityCode, name, Role.MUNICIPALITY);
    }

    public static Actor callCentre(String name) {
        return new Actor(null, name, Role.CALL_CENTRE);
    }

    public boolean isCallCentre() {
        return role == Role.CALL_CENTRE;
    }

    /** How the audit log names this actor. */
    public String auditName() {
        return isCallCentre() ? "call-centre " + name : "municipality:" + municipalityCode + " " + name;
    }
}
