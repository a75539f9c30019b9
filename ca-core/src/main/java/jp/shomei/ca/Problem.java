package jp.shomei.ca;

/**
 * Every reason Shomei refuses a request, with a stable machine-readable code and the HTTP status
 * the municipal API answers with. Codes are part of the API: never rename one.
 */
public enum Problem {
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_FIELD(400, "Invalid field"),
    INVALID_CSR(400, "Invalid certification request"),
    CSR_SIGNATURE_INVALID(400, "Certification request signature does not verify"),
    UNSUPPORTED_KEY(400, "Unsupported public key"),
    UNAUTHENTICATED(401, "Client certificate required"),
    FOREIGN_MUNICIPALITY(403, "Resident belongs to another municipality"),
    RESIDENT_NOT_FOUND(404, "Resident not found"),
    CERTIFICATE_NOT_FOUND(404, "Certificate not found"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    RESIDENT_DECEASED(409, "Resident is deceased"),
    ILLEGAL_TRANSITION(409, "Transition not allowed from the certificate's current status"),
    CERTIFICATE_EXPIRED(409, "Certificate has expired"),
    RENEWAL_TOO_EARLY(409, "Renewal not yet allowed"),
    ACTIVE_CERTIFICATE_EXISTS(409, "Resident already holds a valid certificate of this kind"),
    KEY_ALREADY_CERTIFIED(409, "Public key already certified"),
    NOT_ELIGIBLE_UNDER_15(422, "Signing certificates are not issued to residents under 15"),
    NOT_ELIGIBLE_ADULT_WARD(422, "Signing certificates are not issued to adult wards"),
    CARD_EXPIRED(422, "Card has expired"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    URI_TOO_LONG(414, "Request line too long"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    SIGNING_UNAVAILABLE(503, "Signing unavailable"),
    STORE_UNAVAILABLE(503, "Store unavailable"),
    ROLE_NOT_PERMITTED(403, "The credential's role does not allow this"),
    PHONE_APPLICATION_INVALID(400, "Phone application is not a valid signed application"),
    PHONE_APPLICATION_SIGNER_UNKNOWN(403, "Phone application is not signed with a Shomei signing certificate"),
    PHONE_APPLICATION_SIGNER_NOT_GOOD(409, "Phone application is signed with a certificate that is not good"),
    PHONE_APPLICATION_SIGNER_MISMATCH(403, "Phone application is not signed with this resident's card signing certificate"),
    NO_CARD_CERTIFICATE(409, "Resident holds no good card certificate of this kind"),
    INVALID_CONSENT_DOCUMENT(400, "Consent document is not a valid signed consent"),
    VERIFIER_NOT_FOUND(404, "Verifier not registered"),
    CONSENT_NOT_FOUND(404, "Consent not found"),
    CONSENT_PURPOSE_MISMATCH(422, "Consent purpose differs from the verifier's stated purpose"),
    UNREGISTERED_VERIFIER(403, "Client certificate is not registered as a verifier"),
    VERIFIER_CLASS_INSUFFICIENT(403, "Verifier class does not allow this"),
    CONSENT_MISSING(403, "No consent recorded for this verifier and purpose"),
    CONSENT_EXPIRED(403, "Consent has expired"),
    CONSENT_WITHDRAWN(403, "Consent was withdrawn"),
    CUSTOMER_NOT_REGISTERED(404, "Certificate not registered as this verifier's customer"),
    CERTIFICATE_NOT_CURRENT(409, "Certificate neither current nor revoked after a change"),
    BATCH_TOO_LARGE(413, "Batch too large"),
    RATE_LIMITED(429, "Too many requests");

    private final int httpStatus;
    private final String title;

    Problem(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    /** The stable code clients match on, for example "not-eligible-under-15". */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
