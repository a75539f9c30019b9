package jp.shomei.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import jp.shomei.ca.RefusedException;
import org.bouncycastle.asn1.cmp.PKIMessage;

/**
 * Whatever bytes reach the CMP endpoint, every step {@link CmpService} takes to read them below HTTP
 * either reads them or refuses them with a {@link CmpFailure} or a {@link RefusedException}, which the
 * service answers with an error PKIMessage naming the failInfo. Any other exception would be answered
 * systemFailure, the CMP equivalent of a 500, and fails the test.
 *
 * <p>The fuzzer cannot sign, so sender authentication refuses nearly every input; the body is therefore
 * also read without it, so that mutations reach the CRMF, PKCS#10, rr, genm and certConf readers.
 * Seeds: ir, cr, kur, p10cr, rr and genm made by {@code openssl cmp -reqout} and the malformed corpus
 * of shomei-app's CMP tests (src/test/resources/cmp/malformed), plus truncations and past findings.
 */
class CmpMessageFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private static final SenderAuthentication SENDERS = new SenderAuthentication(
            ResponseProtection.readCertificate(resource("/jp/shomei/ca/authority/sign_ca_2023.pem")), CLOCK);

    @FuzzTest(maxDuration = "15s")
    void anyMessageIsReadOrRefusedWithAFailInfo(byte[] request) {
        // What CmpService.handle does first; bytes it cannot decode are answered HTTP 400 badDataFormat.
        Optional<PKIMessage> decoded = CmpService.decode(request);
        if (decoded.isEmpty()) {
            return;
        }
        PKIMessage message = decoded.get();
        readOrRefused(() -> RequestBody.reading("the protection", () -> SENDERS.authenticate(message)));
        readOrRefused(() -> new ReplayGuard(CLOCK).admitNewTransaction(message.getHeader()));
        readOrRefused(() -> RequestBody.reading("the card's expiry date", () -> CardExpiry.in(message.getHeader())));
        readOrRefused(() -> RequestBody.read(message.getBody()));
    }

    /** The exceptions CmpService.answer turns into an error message with a failInfo other than systemFailure. */
    private static void readOrRefused(Runnable step) {
        try {
            step.run();
        } catch (CmpFailure | RefusedException refusal) {
            assertThat(refusal.getMessage()).isNotBlank();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(CmpMessageFuzzTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
