package jp.shomei.ca.lifecycle;

import java.util.Objects;
import jp.shomei.ca.resident.Municipality;

/**
 * Who asks for a change: a municipality's issuance system, identified by its client credential. The
 * municipality code limits what it may act on; the name is what the audit log records.
 */
public record Actor(String municipalityCode, String name) {

    public Actor {
        Objects.requireNonNull(name, "name");
        if (!Municipality.isValidCode(municipalityCode)) {
            throw new IllegalArgumentException("not a local government code: " + municipalityCode);
        }
    }

    /** How the audit log names this actor. */
    public String auditName() {
        return "municipality:" + municipalityCode + " " + name;
    }
}
