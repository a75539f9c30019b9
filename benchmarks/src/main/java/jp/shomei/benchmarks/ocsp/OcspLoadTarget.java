package jp.shomei.benchmarks.ocsp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.ocsp.OcspResponder;
import jp.shomei.ocsp.OcspSettings;
import jp.shomei.ocsp.signer.OcspSignerCertificateFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The server side of the OCSP load benchmarks: an embedded CA with one issued certificate, the OCSP
 * responder and, on the same Vert.x HTTP server, the baseline handler returning a constant 1.5 KB
 * body. Writes into the given directory everything the load tools need: the GET URL paths, POST
 * bodies with and without nonce, and the files for OpenSSL's own
 * responder (CA, index, signer; its key is keys/openssl-baseline.key.pem under passphrase.txt).
 *
 * <p>Usage: {@code OcspLoadTarget <work directory> <port>}; runs until killed.
 */
public final class OcspLoadTarget {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(work);
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        BenchmarkCa ca = BenchmarkCa.start(work, clock);
        Store store = ca.store();
        SoftwareKeySource keys = ca.keys();
        CertificateAuthorities authorities = ca.authorities();
        char[] passphrase = ca.passphrase();
        CertificateRecord certificate = ca.enroll(CaKind.SIGNING);

        Vertx vertx = Vertx.vertx();
        OcspResponder responder = OcspResponder.start(vertx, store, keys, authorities, clock, OcspSettings.DEFAULTS,
                new SimpleMeterRegistry());
        Router router = Router.router(vertx);
        responder.mount(router);
        Buffer constant = Buffer.buffer(new byte[1536]);
        router.get("/constant").handler(context -> context.response()
                .putHeader("Content-Type", "application/octet-stream").end(constant));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);

        X509CertificateHolder caCertificate = authorities.issuing(CaKind.SIGNING).authority().certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                caCertificate, certificate.serial());
        byte[] plain = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] withNonce = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded()))).build().getEncoded();
        Files.writeString(work.resolve("get-path.txt"), "/ocsp/sign/"
                + URLEncoder.encode(Base64.getEncoder().encodeToString(plain), StandardCharsets.US_ASCII));
        Files.write(work.resolve("request.der"), plain);
        Files.write(work.resolve("nonce-request.der"), withNonce);
        writeOpenSslResponderFiles(work, authorities, keys, certificate, clock, random);
        // The run's throwaway key-store passphrase, so that openssl can read the baseline signer's key.
        Files.writeString(work.resolve("passphrase.txt"), new String(passphrase));
        System.out.println("READY port=" + server.actualPort());
    }

    /** OpenSSL's responder gets the same CA and certificate, and its own delegated signer with a plain key file. */
    private static void writeOpenSslResponderFiles(Path work, CertificateAuthorities authorities, SoftwareKeySource keys,
                                                   CertificateRecord certificate, Clock clock, SecureRandom random)
            throws Exception {
        var ca = authorities.issuing(CaKind.SIGNING).authority();
        SigningKey signerKey = keys.generateRsa2048("openssl-baseline");
        X509CertificateHolder signer = new OcspSignerCertificateFactory().issue(ca, signerKey,
                new SerialNumbers(random).next(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Duration.ofDays(1), 99);
        pem(work.resolve("ca.pem"), "CERTIFICATE", ca.certificate().getEncoded());
        pem(work.resolve("cert.pem"), "CERTIFICATE", certificate.der());
        pem(work.resolve("signer.pem"), "CERTIFICATE", signer.getEncoded());
        // openssl ca's index format: status, expiry (YYMMDDHHMMSSZ), revocation, serial (upper hex), file, subject
        String expiry = java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .format(certificate.notAfter().atZone(java.time.ZoneOffset.UTC));
        Files.writeString(work.resolve("index.txt"), "V\t" + expiry + "\t\t"
                + certificate.serial().toString(16).toUpperCase(java.util.Locale.ROOT) + "\tunknown\t/CN=" + certificate.subjectCommonName() + "\n");
        Files.writeString(work.resolve("index.txt.attr"), "unique_subject = no\n");
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); PemWriter pem = new PemWriter(out)) {
            pem.writeObject(new PemObject(type, der));
        }
    }
}
