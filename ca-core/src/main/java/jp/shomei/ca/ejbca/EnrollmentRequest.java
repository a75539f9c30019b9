package jp.shomei.ca.ejbca;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.request.CertificationRequests;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The body of POST /certificate/pkcs10enroll, every member checked before anything is looked up:
 * the resident named by {@code username}, the hierarchy named by {@code certificate_profile_name}, the
 * card's expiry date in {@code password} (docs/ejbca-rest.md) and the key of the PKCS#10 request.
 *
 * @param pkcs7 whether the answer wraps the certificate in PKCS#7 rather than giving its DER
 */
record EnrollmentRequest(String residentCode, CaKind kind, SubjectPublicKeyInfo key, LocalDate cardExpiresOn,
                         boolean pkcs7, boolean includeChain) {

    private static final Set<String> MEMBERS = Set.of("certificate_request", "certificate_profile_name",
            "end_entity_profile_name", "certificate_authority_name", "username", "password", "include_chain",
            "email", "response_format");

    /** Reads the body, or refuses it with an {@link EjbcaError} 400 or a {@link RefusedException}. */
    static EnrollmentRequest parse(Buffer body) {
        JsonFields request = JsonFields.parse(body, MEMBERS);
        String format = request.optionalString("response_format").orElse("DER").toUpperCase(Locale.ROOT);
        if (!format.equals("DER") && !format.equals("PKCS7")) {
            throw new EjbcaError(400, "Invalid input. Response format can only be DER or PKCS7");
        }
        String profile = request.requiredString("certificate_profile_name");
        CaKind kind = EjbcaNames.kindOfCertificateProfile(profile).orElseThrow(() -> new EjbcaError(400,
                "Certificate profile '" + JsonFields.abbreviate(profile) + "' does not exist; use "
                        + EjbcaNames.certificateProfile(CaKind.SIGNING) + " or "
                        + EjbcaNames.certificateProfile(CaKind.AUTHENTICATION)));
        String endEntityProfile = request.requiredString("end_entity_profile_name");
        if (!endEntityProfile.equals(EjbcaNames.END_ENTITY_PROFILE)) {
            throw new EjbcaError(400, "End entity profile '" + JsonFields.abbreviate(endEntityProfile)
                    + "' does not exist; use " + EjbcaNames.END_ENTITY_PROFILE);
        }
        String caName = request.requiredString("certificate_authority_name");
        CaKind caKind = EjbcaNames.kindOfCaName(caName).orElseThrow(() -> new EjbcaError(400,
                "CA with name " + JsonFields.abbreviate(caName) + " doesn't exist."));
        if (caKind != kind) {
            throw new EjbcaError(400, "Certificate profile " + profile + " is issued only by CA " + EjbcaNames.caName(kind));
        }
        String residentCode = request.requiredString("username");
        if (!EjbcaNames.RESIDENT_CODE.matcher(residentCode).matches()) {
            throw new EjbcaError(400, "'username' must be the resident code, 11 digits, got '"
                    + JsonFields.abbreviate(residentCode) + "'");
        }
        LocalDate cardExpiresOn = cardExpiry(request.requiredString("password"));
        boolean includeChain = request.optionalBoolean("include_chain", false);
        request.optionalString("email"); // accepted for compatibility; JPKI certificates carry no e-mail address
        SubjectPublicKeyInfo key = publicKey(request.requiredString("certificate_request"));
        return new EnrollmentRequest(residentCode, kind, key, cardExpiresOn, format.equals("PKCS7"), includeChain);
    }

    /** The card's expiry, which EJBCA clients send in the end entity password (docs/ejbca-rest.md). */
    private static LocalDate cardExpiry(String password) {
        try {
            return LocalDate.parse(password);
        } catch (DateTimeParseException e) {
            throw new EjbcaError(400, "'password' must be the card's expiry date like 2036-05-10, got '"
                    + JsonFields.abbreviate(password) + "'");
        }
    }

    /** A PEM request, or its bare base64 DER as some EJBCA clients send it. */
    private static SubjectPublicKeyInfo publicKey(String request) {
        if (request.contains("-----BEGIN")) {
            return CertificationRequests.publicKeyFromPem(request);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(request);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Problem.INVALID_CSR, "'certificate_request' is neither PEM nor base64");
        }
        return CertificationRequests.publicKeyFromDer(der);
    }
}
