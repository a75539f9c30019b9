package jp.shomei.verifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.cms.SignedDocument;
import jp.shomei.verifier.feed.Customers;
import jp.shomei.verifier.validation.CertificateInput;
import jp.shomei.verifier.validation.SignatureVerifier;

/**
 * Whatever arrives at the verifier API, everything it reads before touching the store is read or
 * refused with a 4xx problem: the bodies of a validation, a batch and a signature (down to the CMS
 * SignedData and the signer's certificate the JDK validates), and as text the serial path segment of
 * the linkage, basic-four and customer routes and the feed cursor. Seeds: the examples of
 * docs/verifier-api.md with real certificates and openssl CMS signatures, and broken variants.
 */
class VerifierRequestsFuzzTest {

    private static final Set<Problem> REQUEST_PROBLEMS = Set.of(Problem.MALFORMED_REQUEST, Problem.INVALID_FIELD,
            Problem.BATCH_TOO_LARGE);

    @FuzzTest(maxDuration = "15s")
    void everyRequestIsReadOrRefusedWithAProblem(byte[] input) {
        Buffer body = Buffer.buffer(input);
        readOrRefused(() -> VerifierRequests.validation(body));
        readOrRefused(() -> VerifierRequests.batch(body).certificates().forEach(CertificateInput::parse));
        readOrRefused(() -> {
            VerifierRequests.SignatureBody signature = VerifierRequests.signature(body);
            SignatureVerifier.signer(SignedDocument.read(signature.signedData(), signature.content(),
                    Problem.INVALID_FIELD));
        });
        String text = new String(input, StandardCharsets.UTF_8);
        readOrRefused(() -> Serials.parseHex(text));
        int split = text.indexOf('&');
        readOrRefused(() -> {
            VerifierRequests.FeedPage page = split < 0 ? VerifierRequests.feedPage(text, null)
                    : VerifierRequests.feedPage(text.substring(0, split), text.substring(split + 1));
            assertThat(page.after()).isNotNegative();
            assertThat(page.limit()).isBetween(1, Customers.MAX_PAGE);
        });
    }

    private static void readOrRefused(Runnable reading) {
        try {
            reading.run();
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(REQUEST_PROBLEMS);
            assertThat(refusal.problem().httpStatus()).isBetween(400, 499);
        }
    }
}
