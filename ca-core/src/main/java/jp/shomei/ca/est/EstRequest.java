package jp.shomei.ca.est;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.ca.request.CertificationRequests;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.DirectoryString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * An EST enrollment request (RFC 7030 §4.2.1): a base64 DER PKCS#10 request whose subject names the
 * resident in its serialNumber attribute and whose challengePassword attribute carries the card's
 * expiry date (docs/est.md). The key is checked as for every other enrolment; the rest of the subject
 * is ignored, since the JPKI profile alone decides what the certificate says.
 */
record EstRequest(String residentCode, Optional<LocalDate> cardExpiresOn, SubjectPublicKeyInfo publicKey) {

    private static final Pattern RESIDENT_CODE = Pattern.compile("[0-9]{11}");

    static EstRequest parse(Buffer body) {
        byte[] der = decode(body);
        SubjectPublicKeyInfo publicKey = CertificationRequests.publicKeyFromDer(der);
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException e) {
            throw new RefusedException(Problem.INVALID_CSR, "the body is not a DER PKCS#10 certification request");
        }
        return new EstRequest(residentCode(request), cardExpiry(request), publicKey);
    }

    private static byte[] decode(Buffer body) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body == null ? "" : body.toString(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Problem.INVALID_CSR, "the body is not base64: " + e.getMessage());
        }
        if (der.length == 0) {
            throw new RefusedException(Problem.INVALID_CSR, "the body must be a base64 DER PKCS#10 certification request");
        }
        return der;
    }

    private static String residentCode(PKCS10CertificationRequest request) {
        RDN[] serialNumbers = request.getSubject().getRDNs(BCStyle.SERIALNUMBER);
        String code = serialNumbers.length == 1 ? IETFUtils.valueToString(serialNumbers[0].getFirst().getValue()) : "";
        if (!RESIDENT_CODE.matcher(code).matches()) {
            throw new RefusedException(Problem.INVALID_FIELD, "the request's subject must name the resident in exactly one"
                    + " serialNumber attribute of 11 digits, e.g. /serialNumber=12345678901/CN=card");
        }
        return code;
    }

    private static Optional<LocalDate> cardExpiry(PKCS10CertificationRequest request) {
        Attribute[] passwords = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (passwords.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable[] values = passwords[0].getAttrValues().toArray();
        String text;
        try {
            text = passwords.length == 1 && values.length == 1 ? DirectoryString.getInstance(values[0]).getString() : "";
        } catch (IllegalArgumentException e) {
            text = "";
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new RefusedException(Problem.INVALID_FIELD, "the challengePassword attribute must be the card's expiry"
                    + " date like 2036-05-10, got '" + JsonFields.abbreviate(text) + "'");
        }
    }
}
