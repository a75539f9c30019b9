package jp.shomei.app.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** What a CMP client checks in Shomei's answers: the responder's signature, and a refusal's failInfo and text. */
final class CmpAnswers {

    static final String PKIXCMP = "application/pkixcmp";

    private CmpAnswers() {
    }

    /** The answer, after checking that it is a CMP message signed by a credential of the operations CA. */
    static PKIMessage signedAnswer(RunningShomei shomei, MunicipalClient.BinaryResponse response) {
        assertThat(response.contentType()).isEqualTo(PKIXCMP);
        PKIMessage message = PKIMessage.getInstance(response.body());
        ProtectedPKIMessage signed = new ProtectedPKIMessage(new GeneralPKIMessage(message));
        X509CertificateHolder responder = signed.getCertificates()[0];
        try {
            X509CertificateHolder operationsCa = new X509CertificateHolder(Csrs.decode(
                    Files.readString(shomei.operationsCa())));
            assertThat(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(operationsCa))).isTrue();
            assertThat(signed.verify(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
        } catch (Exception e) {
            throw new AssertionError("the response's protection cannot be checked", e);
        }
        return message;
    }

    /** A signed error message with this failInfo, whose text says all of {@code text} and no stack trace. */
    static void assertRefused(RunningShomei shomei, MunicipalClient.BinaryResponse response, int failInfo,
                              String... text) {
        PKIMessage message = signedAnswer(shomei, response);
        assertThat(message.getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        PKIStatusInfo status = ErrorMsgContent.getInstance(message.getBody().getContent()).getPKIStatusInfo();
        String said = status.getStatusString().getStringAtUTF8(0).getString();
        assertThat(status.getFailInfo().intValue()).as("failInfo of \"%s\"", said).isEqualTo(failInfo);
        assertThat(said).contains(text).doesNotContain("Exception").doesNotContain("at jp.");
    }
}
