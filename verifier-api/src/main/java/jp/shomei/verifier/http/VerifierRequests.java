package jp.shomei.verifier.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.JsonFields;
import jp.shomei.verifier.feed.Customers;
import jp.shomei.verifier.validation.CertificateInput;

/**
 * What the verifier API's requests carry, read strictly before any work is done: every body and query
 * parameter is read or refused with a {@link RefusedException} naming the member (docs/verifier-api.md).
 */
final class VerifierRequests {

    private static final Set<String> VALIDATION_MEMBERS = Set.of("certificate", "chain", "at");
    private static final Set<String> BATCH_MEMBERS = Set.of("certificates", "at");
    private static final Set<String> SIGNATURE_MEMBERS = Set.of("signedData", "content");
    private static final int MAX_CHAIN = 10;
    private static final int DEFAULT_PAGE = 100;

    /** POST /v1/validations: one certificate, or a chain end-entity first, checked at {@code at} or now. */
    record ValidationBody(List<X509Certificate> chain, Optional<Instant> at) {
    }

    /** POST /v1/validations/batch: the certificates as sent; each that does not parse is answered on its own. */
    record BatchBody(List<String> certificates, Optional<Instant> at) {
    }

    /** POST /v1/signatures: a CMS SignedData, with its content when the signature is detached. */
    record SignatureBody(byte[] signedData, Optional<byte[]> content) {
    }

    /** GET /v1/feed: the changes after sequence number {@code after}, at most {@code limit} of them. */
    record FeedPage(long after, int limit) {
    }

    private VerifierRequests() {
    }

    static ValidationBody validation(Buffer buffer) {
        JsonFields body = JsonFields.parse(buffer, VALIDATION_MEMBERS);
        if (body.value("certificate") != null && body.value("chain") != null) {
            throw new RefusedException(Problem.INVALID_FIELD, "give either 'certificate' or 'chain', not both");
        }
        Optional<Instant> at = body.optionalInstant("at");
        if (body.value("certificate") != null) {
            return new ValidationBody(List.of(certificate("certificate", body.requiredString("certificate"))), at);
        }
        if (!(body.value("chain") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CHAIN) {
            throw JsonFields.invalid("certificate", "or 'chain' (1 to " + MAX_CHAIN
                    + " certificates, end-entity first) is required");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            chain.add(certificate("chain[" + i + "]", string(array, "chain", i)));
        }
        return new ValidationBody(chain, at);
    }

    static BatchBody batch(Buffer buffer) {
        JsonFields body = JsonFields.parse(buffer, BATCH_MEMBERS);
        if (!(body.value("certificates") instanceof JsonArray array) || array.isEmpty()) {
            throw JsonFields.invalid("certificates", "must be a non-empty array of certificates");
        }
        if (array.size() > VerifierApi.MAX_BATCH) {
            throw new RefusedException(Problem.BATCH_TOO_LARGE, "a batch holds at most " + VerifierApi.MAX_BATCH
                    + " certificates, this one " + array.size());
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add(string(array, "certificates", i));
        }
        return new BatchBody(items, body.optionalInstant("at"));
    }

    static SignatureBody signature(Buffer buffer) {
        JsonFields body = JsonFields.parse(buffer, SIGNATURE_MEMBERS);
        Optional<byte[]> content = body.value("content") == null ? Optional.empty()
                : Optional.of(body.requiredBase64("content"));
        return new SignatureBody(body.requiredBase64("signedData"), content);
    }

    /** @param after the query parameter, null when absent; likewise {@code limit} */
    static FeedPage feedPage(String after, String limit) {
        long cursor = number("after", after, 0);
        if (cursor < 0) {
            throw JsonFields.invalid("after", "must not be negative");
        }
        long size = number("limit", limit, DEFAULT_PAGE);
        if (size < 1 || size > Customers.MAX_PAGE) {
            throw JsonFields.invalid("limit", "must be 1.." + Customers.MAX_PAGE);
        }
        return new FeedPage(cursor, (int) size);
    }

    private static X509Certificate certificate(String name, String text) {
        return CertificateInput.parse(text).orElseThrow(() -> JsonFields.invalid(name,
                "is not an X.509 certificate (PEM, or base64 of the DER)"));
    }

    private static String string(JsonArray array, String name, int index) {
        if (!(array.getValue(index) instanceof String text)) {
            throw JsonFields.invalid(name + "[" + index + "]", "must be a string");
        }
        return text;
    }

    private static long number(String name, String text, long defaultValue) {
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw JsonFields.invalid(name, "must be a whole number");
        }
    }
}
