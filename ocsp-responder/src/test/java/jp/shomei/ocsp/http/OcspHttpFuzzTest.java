package jp.shomei.ocsp.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.ocsp.support.OcspTestBed;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSP endpoints over real HTTP: whatever a client sends as a POST body, a GET request in the URL,
 * or a raw GET path, the answer is never an HTTP 5xx, and every OCSP response is well-formed and
 * never internalError. The first input byte picks the form, the rest is the request.
 *
 * <p>The seeds are requests openssl made for the JPKI signing CA; their issuer hashes (below) are
 * swapped for the test CA's before sending, so that mutations of them reach the status lookup and the
 * signer instead of stopping at "unknown issuer".
 */
class OcspHttpFuzzTest {

    private static final byte[] SEED_NAME_HASH_SHA1 = hex("E25D59524DC9B0BCABDCBDF53C6C027BC0E58DD5");
    private static final byte[] SEED_KEY_HASH_SHA1 = hex("D21EA55895617E93ADBF966B941AB4EDF653F08F");
    private static final byte[] SEED_NAME_HASH_SHA256 = hex("8FBDD31F3D6C6E75BA3F77224F168EC02E11525DAD627F11FFD91DAB0EF47213");
    private static final byte[] SEED_KEY_HASH_SHA256 = hex("5886678128D55936EDF0F07114F59590ECB0F4CBC19DD4744A66D46D0A8F8693");

    @TempDir
    static Path work;
    static SoftwareKeySource keys;
    static OcspTestBed bed;
    static InetSocketAddress responder;
    static CertificateID liveSha1;
    static CertificateID liveSha256;

    @BeforeAll
    static void start() throws Exception {
        keys = TestCa.newKeySource(work.resolve("keys"));
        bed = new OcspTestBed(DatabaseConfig.inMemory("ocsp-fuzz-" + UUID.randomUUID()), keys, work);
        bed.enroll(CaKind.SIGNING);
        java.net.URI url = java.net.URI.create(bed.url(CaKind.SIGNING));
        responder = new InetSocketAddress(url.getHost(), url.getPort());
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        liveSha1 = new CertificateID(digests.get(CertificateID.HASH_SHA1), bed.issuingCa(CaKind.SIGNING),
                java.math.BigInteger.ONE);
        liveSha256 = new CertificateID(digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                bed.issuingCa(CaKind.SIGNING), java.math.BigInteger.ONE);
    }

    @AfterAll
    static void stop() {
        bed.close();
        keys.close();
    }

    @FuzzTest(maxDuration = "15s")
    void noRequestGetsA5xxOrAnInternalError(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] request = withLiveIssuer(Arrays.copyOfRange(input, 1, input.length));
        String responderPath = "/ocsp/" + CaKind.SIGNING.pathName();
        byte[] exchange = switch (Math.floorMod(input[0], 3)) {
            case 0 -> post(responderPath, request);
            case 1 -> get(responderPath + "/" + Base64.getEncoder().encodeToString(request));
            default -> get(responderPath + "/" + new String(request, StandardCharsets.ISO_8859_1));
        };
        Answer answer = Answer.of(exchange);
        assertThat(answer.status()).as("HTTP status").isLessThan(500);
        if (answer.status() == 200) {
            assertThat(new OCSPResp(answer.body()).getStatus()).as("OCSP response status")
                    .isNotEqualTo(OCSPResp.INTERNAL_ERROR);
        }
    }

    private static byte[] post(String path, byte[] body) throws IOException {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/ocsp-request\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return exchange(head, body);
    }

    private static byte[] get(String path) throws IOException {
        return exchange(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    /** A raw HTTP/1.1 exchange: the JDK client would refuse to send most of the URLs worth trying. */
    @SuppressWarnings("try") // the resource is a scope in which network connections are allowed
    private static byte[] exchange(byte[] head, byte[] body) throws IOException {
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals(responder.getHostString()) && port.equals(responder.getPort()));
             Socket socket = new Socket()) {
            socket.connect(responder, 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toByteArray();
    }

    private record Answer(int status, byte[] body) {

        static Answer of(byte[] exchange) {
            String text = new String(exchange, StandardCharsets.ISO_8859_1);
            assertThat(text).as("response").startsWith("HTTP/1.");
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            return new Answer(status, Arrays.copyOfRange(exchange, bodyStart, exchange.length));
        }
    }

    private static byte[] withLiveIssuer(byte[] request) {
        byte[] swapped = replace(request, SEED_NAME_HASH_SHA1, liveSha1.getIssuerNameHash());
        swapped = replace(swapped, SEED_KEY_HASH_SHA1, liveSha1.getIssuerKeyHash());
        swapped = replace(swapped, SEED_NAME_HASH_SHA256, liveSha256.getIssuerNameHash());
        return replace(swapped, SEED_KEY_HASH_SHA256, liveSha256.getIssuerKeyHash());
    }

    /** Same-length replacement of every occurrence. */
    private static byte[] replace(byte[] data, byte[] from, byte[] to) {
        byte[] result = data.clone();
        for (int i = 0; i + from.length <= result.length; i++) {
            if (Arrays.equals(result, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, result, i, to.length);
                i += from.length - 1;
            }
        }
        return result;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
