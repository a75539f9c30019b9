package jp.shomei.app.cmp;

import static jp.shomei.app.cmp.OpensslCmp.said;
import static jp.shomei.app.support.ProblemDetails.assertProblem;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The municipal request rate, here one request a second with a burst of three, for CMP messages sent
 * without a TLS client certificate: once its signature has verified, such a message takes from the
 * bucket of the municipality that signed it, the same bucket its TLS requests take from. Over the rate
 * it is answered with a signed CMP error in a 200 (rejection, systemUnavail, a text saying when to
 * retry) and nothing is issued. See docs/cmp.md and docs/SECURITY.md.
 */
class CmpRateLimitTest {

    private static final int BURST = 3;
    /** A request that changes nothing and costs no signature. */
    private static final String CHEAP = "/v1/ca/sign/certificates";
    private static final String SIGN = "/.well-known/cmp/p/sign";
    private static final String PKIXCMP = "application/pkixcmp";
    private static final String CARD_EXPIRES = "1.3.6.1.4.1.99999.6.1:int:20360510";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static MunicipalClient anonymous;
    static CmpRequests signedByChiyoda;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root, Map.of("municipal.rate-limit.per-second", "1",
                "municipal.rate-limit.burst", Integer.toString(BURST)));
        chiyoda = shomei.as(CHIYODA);
        anonymous = shomei.anonymous();
        signedByChiyoda = new CmpRequests(shomei.server.credentials().client(CHIYODA));
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    /**
     * openssl stamps its messages with the real time, which Shomei checks; a few seconds later than
     * the previous specification left the clock, every bucket is full again.
     */
    @BeforeEach
    void bucketsFullAtRealTime() {
        shomei.clock.set(Collections.max(List.of(Instant.now(), shomei.clock.instant())).plusSeconds(BURST));
    }

    @Test
    void anIrWithoutAClientCertificateOverItsMunicipalitysRateIsRefusedWithSystemUnavailAndIssuesNothing() {
        String resident = shomei.registerTaroInChiyoda();
        OpenSsl.succeed(shomei.work, "genrsa", "-out", "limited-card.key.pem", "2048");
        exhaustOverTls();
        String before = shomei.storeSnapshot();

        OpenSsl.Outcome refused = irWithoutClientCertificate(resident);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(said(refused)).contains("systemUnavail")
                .contains("rate limited: client 131016 may make 1 requests a second, 3 at once; nothing was done")
                .contains("retry after 1 s");
        assertThat(shomei.storeSnapshot()).as("store after a refused ir").isEqualTo(before);

        shomei.clock.advance(Duration.ofSeconds(1));
        OpenSsl.Outcome admitted = irWithoutClientCertificate(resident);
        assertThat(admitted.exitCode()).as(said(admitted)).isZero();
    }

    @Test
    void cmpRequestsWithoutAClientCertificateTakeFromTheOneBucketOfTheMunicipalityThatSignedThem() {
        for (int i = 0; i < BURST; i++) {
            assertThat(answer(anonymous.sendBytes("POST", SIGN, PKIXCMP, genm())).getBody().getType())
                    .as("genm %d of the burst", i + 1).isEqualTo(PKIBody.TYPE_GEN_REP);
        }

        PKIStatusInfo refused = refusal(anonymous.sendBytes("POST", SIGN, PKIXCMP, genm()));

        assertThat(refused.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.systemUnavail);
        assertThat(refused.getStatusString().getStringAtUTF8(0).getString()).contains("retry after 1 s");
        assertProblem(chiyoda.get(CHEAP), 429, "rate-limited");
        assertThat(shomei.as(MINATO).get(CHEAP).status()).as("another municipality").isEqualTo(200);
    }

    @Test
    void aCmpRequestWithTheClientCertificateIsCountedOnceNotAgainForItsSignature() {
        for (int i = 0; i < BURST; i++) {
            assertThat(answer(chiyoda.sendBytes("POST", SIGN, PKIXCMP, genm())).getBody().getType())
                    .as("genm %d of the burst", i + 1).isEqualTo(PKIBody.TYPE_GEN_REP);
        }

        assertThat(chiyoda.sendBytes("POST", SIGN, PKIXCMP, genm()).status()).isEqualTo(429);
    }

    @Test
    void aMessageWhoseSignatureDoesNotVerifyIsNotCountedAgainstTheMunicipalityItNames() {
        for (int i = 0; i < BURST + 1; i++) {
            assertThat(refusal(anonymous.sendBytes("POST", SIGN, PKIXCMP, tampered(genm()))).getFailInfo().intValue())
                    .isEqualTo(PKIFailureInfo.badMessageCheck);
        }

        for (int i = 0; i < BURST; i++) {
            assertThat(chiyoda.get(CHEAP).status()).as("Chiyoda-ku's request %d", i + 1).isEqualTo(200);
        }
    }

    private static OpenSsl.Outcome irWithoutClientCertificate(String resident) {
        return OpensslCmp.run(shomei, OpensslCmp.Tls.WITHOUT_CLIENT_CERTIFICATE, "sign", CHIYODA, "-cmd", "ir",
                "-newkey", "limited-card.key.pem", "-subject", "/serialNumber=" + resident, "-geninfo", CARD_EXPIRES,
                "-implicit_confirm", "-certout", "limited.pem");
    }

    /** Takes Chiyoda-ku's whole burst over TLS, and shows that the next request is refused. */
    private static void exhaustOverTls() {
        for (int i = 0; i < BURST; i++) {
            chiyoda.get(CHEAP);
        }
        assertProblem(chiyoda.get(CHEAP), 429, "rate-limited");
    }

    /** A genm for the CA certificates, signed with Chiyoda-ku's credential: authenticated, cheap, changes nothing. */
    private static byte[] genm() {
        return encoded(signedByChiyoda.genmCaCerts(CmpRequests.Header.fresh(shomei.clock.instant())));
    }

    private static byte[] tampered(byte[] message) {
        PKIMessage signed = PKIMessage.getInstance(message);
        byte[] protection = signed.getProtection().getOctets();
        protection[protection.length / 2] ^= 0x01;
        return encoded(new PKIMessage(signed.getHeader(), signed.getBody(), new DERBitString(protection),
                signed.getExtraCerts()));
    }

    private static PKIMessage answer(MunicipalClient.BinaryResponse response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(PKIXCMP);
        return PKIMessage.getInstance(response.body());
    }

    private static PKIStatusInfo refusal(MunicipalClient.BinaryResponse response) {
        PKIMessage message = answer(response);
        assertThat(message.getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        return ErrorMsgContent.getInstance(message.getBody().getContent()).getPKIStatusInfo();
    }

    private static byte[] encoded(PKIMessage message) {
        try {
            return message.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
