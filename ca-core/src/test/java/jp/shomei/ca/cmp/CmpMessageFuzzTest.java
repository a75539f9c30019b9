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
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.cert.cmp.CertificateConfirmationContent;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * Whatever bytes reach the CMP endpoint, every step {@link CmpService} takes below HTTP either reads
 * them or refuses them the way the service turns into an error PKIMessage with a precise failInfo:
 * a {@link CmpFailure}, a {@link RefusedException}, or the exception with which Bouncy Castle reports a
 * structure of the wrong shape ({@link CmpService#isWrongShape}, answered badDataFormat).
 * Anything else would be answered systemFailure, the CMP equivalent of a 500, and fails the test.
 *
 * <p>The fuzzer cannot sign, so sender authentication refuses nearly every input; the body is therefore
 * also read without it, so that mutations reach the CRMF, PKCS#10, rr, genm and certConf readers.
 * Seeds: ir, cr, kur, p10cr, rr and genm made by {@code openssl cmp -reqout} and the malformed corpus
 * of shomei-app's CMP tests (src/test/resources/cmp/malformed), plus truncations.
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
        readOrRefused(() -> SENDERS.authenticate(message));
        readOrRefused(() -> new ReplayGuard(CLOCK).admitNewTransaction(message.getHeader()));
        readOrRefused(() -> CardExpiry.in(message.getHeader()));
        readOrRefused(() -> readBody(message.getBody()));
    }

    private static void readBody(PKIBody body) {
        switch (body.getType()) {
            case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_KEY_UPDATE_REQ -> {
                CertificationOrder order = CertificationOrder.fromCrmf(body);
                order.residentCode();
                order.oldSerial();
            }
            case PKIBody.TYPE_P10_CERT_REQ -> CertificationOrder.fromPkcs10(body).residentCode();
            case PKIBody.TYPE_REVOCATION_REQ -> {
                for (RevDetails details : RevReqContent.getInstance(body.getContent()).toRevDetailsArray()) {
                    details.getCertDetails().getSerialNumber();
                    details.getCertDetails().getIssuer();
                    details.getCrlEntryDetails();
                }
            }
            case PKIBody.TYPE_GEN_MSG -> GenMsgContent.getInstance(body.getContent()).toInfoTypeAndValueArray();
            case PKIBody.TYPE_CERT_CONFIRM -> new CertificateConfirmationContent(
                    CertConfirmContent.getInstance(body.getContent()), new DefaultDigestAlgorithmIdentifierFinder())
                    .getStatusMessages();
            default -> {
                // refused as badRequest by the service before its content is looked at
            }
        }
    }

    /** The exceptions CmpService.answer turns into an error message with a failInfo other than systemFailure. */
    private static void readOrRefused(Runnable step) {
        try {
            step.run();
        } catch (CmpFailure | RefusedException refusal) {
            assertThat(refusal.getMessage()).isNotBlank();
        } catch (RuntimeException e) {
            if (!CmpService.isWrongShape(e)) {
                throw e;
            }
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
