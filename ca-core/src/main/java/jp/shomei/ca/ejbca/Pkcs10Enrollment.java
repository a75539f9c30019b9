package jp.shomei.ca.ejbca;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertsOnly;
import jp.shomei.ca.certificate.Pem;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CertificateLifecycle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * POST /certificate/pkcs10enroll: EJBCA's enrollment request ({@link EnrollmentRequest}), every member
 * checked first, mapped onto the one lifecycle transaction of an enrolment.
 */
final class Pkcs10Enrollment {

    private final CertificateLifecycle lifecycle;
    private final CertificateAuthorities authorities;

    Pkcs10Enrollment(CertificateLifecycle lifecycle, CertificateAuthorities authorities) {
        this.lifecycle = lifecycle;
        this.authorities = authorities;
    }

    JsonObject enroll(Actor actor, Buffer body) {
        EnrollmentRequest request = EnrollmentRequest.parse(body);
        CertificateRecord issued = lifecycle.enroll(actor, request.residentCode(), request.kind(), request.key(),
                request.cardExpiresOn());
        return response(issued, request.pkcs7(), request.includeChain());
    }

    private JsonObject response(CertificateRecord issued, boolean pkcs7, boolean includeChain) {
        X509CertificateHolder issuer = authorities.all(issued.caKind()).stream()
                .filter(generation -> generation.number() == issued.caGeneration())
                .findFirst().orElseThrow().authority().certificate();
        JsonObject response = new JsonObject();
        if (!pkcs7) {
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

    private static byte[] pkcs7Pem(List<X509CertificateHolder> certificates) {
        return Pem.encode("PKCS7", CertsOnly.of(certificates)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
