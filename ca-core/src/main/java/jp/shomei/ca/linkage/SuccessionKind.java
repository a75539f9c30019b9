package jp.shomei.ca.linkage;

import java.util.Locale;

/** Why one certificate replaced another. */
public enum SuccessionKind {
    /** The old certificate was renewed in its last three months and revoked as superseded. */
    RENEWAL,
    /** The old signing certificate was revoked by a change of the basic four information; this one was issued after. */
    REISSUE,
    /** The resident moved their phone certificates to another handset; the old phone's were revoked as superseded. */
    PHONE_REPLACEMENT;

    /** The name used in the API: "renewal", "reissue", "phone-replacement". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
