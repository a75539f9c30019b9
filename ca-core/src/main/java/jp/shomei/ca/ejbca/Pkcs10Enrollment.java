package jp.shomei.ca.ejbca;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertsOnly;
import jp.shomei.ca.certificate.Pem;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CertificateLifecycle;
import jp.shomei.ca.request.CertificationRequests;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * POST /certificate/pkcs10enroll: EJBCA's enrollment request mapped onto an enrolment of the resident
 * named by {@code username}, for the hierarchy named by {@code certificate_profile_name}, with the card's
 * expiry date in {@code password}. Every member is checked before the one lifecycle transaction.
 */
final class Pkcs10Enrollment {

    private static final Set<String> MEMBERS = Set.of("certificate_request", "certificate_profile_name",
            "end_entity_profile_name", "certificate_authority_name", "username", "password", "include_chain",
            "email", "response_format");

    private final CertificateLifecycle lifecycle;
    private final CertificateAuthorities authorities;

    Pkcs10Enrollment(CertificateLifecycle lifecycle, CertificateAuthorities authorities) {
        this.lifecycle = lifecycle;
        this.authorities = authorities;
    }

    JsonObject enroll(Actor actor, Buffer body) {
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
        LocalDate cardExpiresOn = cardExpiry(request.requiredString("password"));
        boolean includeChain = request.optionalBoolean("include_chain", false);
        request.optionalString("email"); // accepted for compatibility; JPKI certificates carry no e-mail address
        SubjectPublicKeyInfo key = publicKey(request.requiredString("certificate_request"));
        CertificateRecord issued = lifecycle.enroll(actor, residentCode, kind, key, cardExpiresOn);
        return response(issued, format, includeChain);
    }

    private JsonObject response(CertificateRecord issued, String format, boolean includeChain) {
        X509CertificateHolder issuer = authorities.all(issued.caKind()).stream()
                .filter(generation -> generation.number() == issued.caGeneration())
                .findFirst().orElseThrow().authority().certificate();
        JsonObject response = new JsonObject();
        if (format.equals("DER")) {
            response.put("certificate", base64(issued.der()))
                    .put("serial_number", EjbcaCertificates.serial(issued))
                    .put("response_format", "DER");
            if (includeChain) {
                response.put("certificate_chain", new JsonArray().add(base64(EjbcaCertificates.der(issuer))));
            }
        } else {
            response.put("certificate", base64(pkcs7Pem(List.of(CertsOnly.holder(issued.der())))))
                    .put("serial_number", EjbcaCertificates.serial(issued))
                    .put("response_format", "PKCS7");
            if (includeChain) {
                response.put("certificate_chain", new JsonArray().add(base64(pkcs7Pem(List.of(issuer)))));
            }
        }
        return response;
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

    private static byte[] pkcs7Pem(List<X509CertificateHolder> certificates) {
        return Pem.encode("PKCS7", CertsOnly.of(certificates)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
