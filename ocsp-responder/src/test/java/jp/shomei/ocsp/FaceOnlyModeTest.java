package jp.shomei.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ocsp.response.FaceOnlyExtension;
import jp.shomei.ocsp.support.Eventually;
import jp.shomei.ocsp.support.OcspTestBed;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face-only extension (docs/ocsp.md): on every answer about an authentication certificate, pre-signed
 * and with a nonce, following a switch of the card's mode within seconds; never on signing certificates.
 * Responses are fetched by OpenSSL's client, which must still verify them, and read back with Bouncy Castle.
 */
class FaceOnlyModeTest {

    private static final Duration REFLECTED = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    @TempDir
    Path work;
    OcspTestBed bed;

    @BeforeEach
    void start() {
        bed = new OcspTestBed(DatabaseConfig.inMemory("ocsp-face-" + UUID.randomUUID()), KEYS.source(), work);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void anAuthenticationCertificateCarriesItsModeAndASwitchReachesPresignedAndNonceResponses() {
        CertificateRecord authentication = bed.enroll(CaKind.AUTHENTICATION);
        bed.responder();
        assertThat(faceOnly(authentication, "-no_nonce")).contains(false);
        assertThat(faceOnly(authentication)).contains(false);

        bed.ca.services.certificates().switchAuthenticationMode(TestCa.CHIYODA, OcspTestBed.RESIDENT,
                AuthenticationMode.FACE);
        assertThat(Eventually.within(REFLECTED, () -> faceOnly(authentication, "-no_nonce"),
                mode -> mode.equals(Optional.of(true)))).contains(true);
        assertThat(faceOnly(authentication)).contains(true);

        bed.ca.services.certificates().switchAuthenticationMode(TestCa.CHIYODA, OcspTestBed.RESIDENT,
                AuthenticationMode.PIN);
        assertThat(Eventually.within(REFLECTED, () -> faceOnly(authentication, "-no_nonce"),
                mode -> mode.equals(Optional.of(false)))).contains(false);
    }

    @Test
    void aSigningCertificateHasNoModeExtension() {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        assertThat(single(CaKind.SIGNING, signing, "-no_nonce").getExtension(FaceOnlyExtension.OID)).isNull();
    }

    /** The extension's value in the response OpenSSL fetched and verified, empty when absent. */
    private Optional<Boolean> faceOnly(CertificateRecord certificate, String... options) {
        Extension extension = single(CaKind.AUTHENTICATION, certificate, options).getExtension(FaceOnlyExtension.OID);
        if (extension == null) {
            return Optional.empty();
        }
        assertThat(extension.isCritical()).isFalse();
        return Optional.of(ASN1Boolean.getInstance(extension.getParsedValue()).isTrue());
    }

    private SingleResp single(CaKind kind, CertificateRecord certificate, String... options) {
        Path ca = bed.caPem(kind);
        Path response = work.resolve("response-" + UUID.randomUUID() + ".der");
        List<String> args = new ArrayList<>(List.of("ocsp"));
        args.addAll(List.of(options));
        args.addAll(List.of("-issuer", ca.toString(), "-CAfile", ca.toString(), "-cert", bed.pem(certificate).toString(),
                "-url", bed.url(kind), "-respout", response.toString()));
        OpenSsl.Outcome outcome = OpenSsl.run(work, args.toArray(String[]::new));
        assertThat(outcome.output() + outcome.errors()).contains("Response verify OK");
        try {
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(Files.readAllBytes(response)).getResponseObject();
            return basic.getResponses()[0];
        } catch (IOException | OCSPException e) {
            throw new IllegalStateException(e);
        }
    }
}
