package jp.shomei.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ocsp.support.Curl;
import jp.shomei.ocsp.support.OcspTestBed;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile requests get the precise OCSP error status or an HTTP 4xx, quickly: never a 500,
 * never a stack trace, never a hang (every exchange has a client-side timeout).
 */
class HostileInputTest {

    private static final Duration NO_STALL = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    @TempDir
    Path work;
    OcspTestBed bed;
    HttpClient http;
    CertificateRecord signing;

    @BeforeEach
    void start() {
        bed = new OcspTestBed(DatabaseConfig.inMemory("ocsp-" + UUID.randomUUID()), KEYS.source(), work);
        signing = bed.enroll(CaKind.SIGNING);
        http = HttpClient.newBuilder().connectTimeout(NO_STALL).build();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void garbageTruncatedOrEmptyDerIsMalformed() throws Exception {
        byte[] good = request(1);
        assertOcspStatus(post(new byte[] {0x30, (byte) 0x82, 0x7f}), OCSPResp.MALFORMED_REQUEST);
        assertOcspStatus(post(Arrays.copyOf(good, good.length - 7)), OCSPResp.MALFORMED_REQUEST);
        assertOcspStatus(post("GET / HTTP/1.1\r\n".getBytes()), OCSPResp.MALFORMED_REQUEST);
        assertOcspStatus(post(new byte[0]), OCSPResp.MALFORMED_REQUEST);
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertOcspStatus(post(trailing), OCSPResp.MALFORMED_REQUEST);
        // A DER SEQUENCE of the wrong shape: a certificate instead of a request.
        assertOcspStatus(post(signing.der()), OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void theWrongContentTypeIs415() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(bed.url(CaKind.SIGNING)))
                .timeout(NO_STALL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<byte[]> response = post(new byte[OcspSettings.DEFAULTS.maxRequestBytes() + 1]);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void anUnknownCertIdHashAlgorithmIsMalformed() throws Exception {
        CertificateID sha1 = sha1Id(signing.serial());
        CertID md5 = new CertID(new AlgorithmIdentifier(PKCSObjectIdentifiers.md5, DERNull.INSTANCE),
                new DEROctetString(new byte[16]), new DEROctetString(new byte[16]),
                new ASN1Integer(sha1.getSerialNumber()));
        byte[] der = new OCSPReqBuilder().addRequest(new CertificateID(md5)).build().getEncoded();
        assertOcspStatus(post(der), OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void brokenBase64IsMalformedAndBrokenUrlEncodingIs400() throws Exception {
        assertOcspStatus(get("MEow!!!notbase64"), OCSPResp.MALFORMED_REQUEST);
        assertOcspStatus(get(Base64.getEncoder().encodeToString("not an OCSP request".getBytes())),
                OCSPResp.MALFORMED_REQUEST);
        // java.net.URI refuses to send these; curl sends the URL as written.
        assertThat(Curl.get(work, bed.url(CaKind.SIGNING) + "/MEow%G1").status()).isEqualTo(400);
        assertThat(Curl.get(work, bed.url(CaKind.SIGNING) + "/MEow%4").status()).isEqualTo(400);
    }

    @Test
    void aThousandCertIdsInOneRequestAreRefusedAndOneOverTheLimitIsMalformed() throws Exception {
        assertThat(post(request(1000)).statusCode()).isEqualTo(413);
        String hugeGet = bed.url(CaKind.SIGNING) + "/" + java.net.URLEncoder.encode(
                Base64.getEncoder().encodeToString(request(1000)), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Curl.get(work, hugeGet).status()).isEqualTo(414);
        assertOcspStatus(post(request(OcspSettings.DEFAULTS.maxCertificatesPerRequest() + 1)), OCSPResp.MALFORMED_REQUEST);
        BasicOCSPResp answered = successful(post(request(OcspSettings.DEFAULTS.maxCertificatesPerRequest())));
        assertThat(answered.getResponses()).hasSize(OcspSettings.DEFAULTS.maxCertificatesPerRequest());
    }

    @Test
    void aNonceOverThirtyTwoBytesIsMalformedAndOneWithinIsEchoed() throws Exception {
        assertOcspStatus(post(withNonce(new byte[33])), OCSPResp.MALFORMED_REQUEST);
        assertOcspStatus(post(withNonce(new byte[0])), OCSPResp.MALFORMED_REQUEST);
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 7);
        BasicOCSPResp answered = successful(post(withNonce(nonce)));
        assertThat(answered.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                .isEqualTo(new DEROctetString(nonce).getEncoded());
    }

    @Test
    void anUnknownResponderPathIs404AndOtherMethodsAre405() throws Exception {
        HttpResponse<byte[]> unknown = http.send(HttpRequest.newBuilder(URI.create(bed.url(CaKind.SIGNING) + "x"))
                .timeout(NO_STALL).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> put = http.send(HttpRequest.newBuilder(URI.create(bed.url(CaKind.SIGNING)))
                .timeout(NO_STALL).PUT(HttpRequest.BodyPublishers.ofByteArray(request(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void certIdsNamingTwoDifferentIssuersAreUnauthorized() throws Exception {
        CertificateID signingId = sha1Id(signing.serial());
        CertificateID authenticationId = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), bed.issuingCa(CaKind.AUTHENTICATION), BigInteger.TEN);
        byte[] der = new OCSPReqBuilder().addRequest(signingId).addRequest(authenticationId).build().getEncoded();
        assertOcspStatus(post(der), OCSPResp.UNAUTHORIZED);
    }

    private byte[] request(int certificates) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (int i = 0; i < certificates; i++) {
            builder.addRequest(sha1Id(i == 0 ? signing.serial() : BigInteger.valueOf(i)));
        }
        return builder.build().getEncoded();
    }

    private byte[] withNonce(byte[] nonce) throws Exception {
        OCSPReq request = new OCSPReqBuilder().addRequest(sha1Id(signing.serial()))
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonce).getEncoded())))
                .build();
        return request.getEncoded();
    }

    private CertificateID sha1Id(BigInteger serial) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                bed.issuingCa(CaKind.SIGNING), serial);
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bed.url(CaKind.SIGNING))).timeout(NO_STALL)
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String encoded) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bed.url(CaKind.SIGNING) + "/" + encoded)).timeout(NO_STALL)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertOcspStatus(HttpResponse<byte[]> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/ocsp-response");
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(status);
    }

    private static BasicOCSPResp successful(HttpResponse<byte[]> response) throws Exception {
        assertOcspStatus(response, OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
    }
}
