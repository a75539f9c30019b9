package jp.shomei.app.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * An EST client made of curl and openssl, as a smartphone enrollment client would be: requests made
 * by {@code openssl req}, sent base64 as application/pkcs10, answers unpacked by {@code openssl pkcs7}.
 */
final class EstClient {

    static final String EST = "/.well-known/est/";

    private final Path work;
    private final Curl curl;

    EstClient(Path work, Curl curl) {
        this.work = work;
        this.curl = curl;
    }

    /**
     * {@code openssl req} with the resident code as subject serialNumber and, when given, the card's
     * expiry as challengePassword; the DER request base64-encoded by {@code openssl base64}.
     */
    String requestByOpenssl(String name, String residentCode, String cardExpiry) {
        String config = "[req]\ndistinguished_name = dn\nprompt = no\n"
                + (cardExpiry == null ? "" : "attributes = attributes\n")
                + "[dn]\nserialNumber = " + residentCode + "\nCN = card\n"
                + (cardExpiry == null ? "" : "[attributes]\nchallengePassword = " + cardExpiry + "\n");
        write(name + ".cnf", config);
        OpenSsl.succeed(work, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key.pem",
                "-config", name + ".cnf", "-outform", "DER", "-out", name + ".csr.der");
        OpenSsl.succeed(work, "base64", "-in", name + ".csr.der", "-out", name + ".csr.b64");
        return read(name + ".csr.b64");
    }

    /** The same kind of request made in-process, for subjects and attributes openssl would not produce. */
    static String request(String subject, String challengePassword) {
        KeyPair keys = TestRequests.rsa(2048);
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject),
                keys.getPublic());
        if (challengePassword != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challengePassword));
        }
        try {
            return Base64.getMimeEncoder().encodeToString(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(keys.getPrivate())).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    Curl.Outcome post(String label, String operation, String contentType, String body) {
        return curl.send("POST", EST + label + "/" + operation, contentType, body);
    }

    Curl.Outcome enroll(String label, String operation, String base64Request) {
        return post(label, operation, "application/pkcs10", base64Request);
    }

    /** Decodes a base64 certs-only answer with openssl and writes its certificates as PEM to {@code name}.pem. */
    String printCertificates(MunicipalClient.Response response, String name) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        write(name + ".b64", response.body());
        OpenSsl.succeed(work, "base64", "-d", "-in", name + ".b64", "-out", name + ".p7.der");
        OpenSsl.succeed(work, "pkcs7", "-inform", "DER", "-in", name + ".p7.der", "-print_certs", "-out", name + ".pem");
        return read(name + ".pem");
    }

    private void write(String file, String content) {
        try {
            Files.writeString(work.resolve(file), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(work.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
