package jp.shomei.ocsp.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jp.shomei.ocsp.OcspSettings;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * Whatever bytes arrive as an OCSP request, the reader either returns a question within the limits
 * or refuses with malformedRequest: no other exception escapes it. Seeds: requests made by openssl
 * (one and several CertIDs, SHA-1 and SHA-256, with and without a nonce), cut short and garbled.
 */
class OcspRequestReaderFuzzTest {

    private static final int MAX_CERTIFICATES = OcspSettings.DEFAULTS.maxCertificatesPerRequest();
    private static final OcspRequestReader READER = new OcspRequestReader(MAX_CERTIFICATES);

    @FuzzTest(maxDuration = "15s")
    void anyBytesAreReadOrRefusedAsMalformed(byte[] request) {
        try {
            OcspQuestion question = READER.read(request);
            assertThat(question.certificates()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_CERTIFICATES);
        } catch (OcspRefusal refusal) {
            assertThat(refusal.ocspStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        }
    }
}
