package jp.shomei.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Stream;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.WrongKeyTypeException;
import jp.shomei.keys.testsupport.MutableClock;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSASSA-PSS and ECDSA P-256 on a token, for the next card generation, judged by the JDK and openssl. */
class Pkcs11SignatureAlgorithmsTest {

    private static final X500Name SUBJECT = new X500Name("CN=Next Generation Test CA,O=Shomei,C=JP");

    @TempDir
    Path temp;

    @Test
    void anRsaPssCertificateSignedOnTheTokenVerifiesWithTheJdkAndOpenssl() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("pss");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("pss-ca");

            X509Certificate certificate = selfSigned(key.publicKey(), key.sha256WithRsaPss());

            Signature jdk = Signature.getInstance("RSASSA-PSS");
            jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            jdk.initVerify(key.publicKey());
            jdk.update(certificate.getTBSCertificate());
            assertThat(certificate.getSigAlgName()).isEqualTo("RSASSA-PSS");
            assertThat(jdk.verify(certificate.getSignature())).isTrue();
            assertThat(opensslVerifies(certificate)).contains("OK");
            assertThat(openssl("x509", "-in", pem("CERTIFICATE", certificate.getEncoded()).toString(), "-noout", "-text"))
                    .contains("Mask Algorithm: mgf1 with sha256").contains("Salt Length: 0x20");
        }
    }

    @Test
    void anEcdsaP256KeyGeneratedOnTheTokenSignsACertificateAndACsrThatVerify() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("ecdsa");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateEcP256("ec-ca");

            X509Certificate certificate = selfSigned(key.publicKey(), key.sha256WithEcdsa());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(SUBJECT, key.publicKey())
                    .build(key.sha256WithEcdsa());

            assertThat(key.publicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(jdkEcdsaVerifies(key.publicKey(), certificate.getTBSCertificate(), certificate.getSignature()))
                    .isTrue();
            assertThat(jdkEcdsaVerifies(key.publicKey(),
                    request.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER),
                    request.getSignature())).isTrue();
            assertThat(opensslVerifies(certificate)).contains("OK");
            openssl("req", "-verify", "-noout", "-in", pem("CERTIFICATE REQUEST", request.getEncoded()).toString());
        }
    }

    @Test
    void aLaterKeySourceFindsTheEcKeyAndSignsThroughItsCachedHandle() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("ecfind");
        PublicKey generated;
        try (Pkcs11KeySource keys = open(token)) {
            generated = keys.generateEcP256("ec-ca").publicKey();
        }

        try (Pkcs11KeySource keys = open(token)) {
            SigningKey found = keys.find("ec-ca").orElseThrow();
            X509Certificate first = selfSigned(found.publicKey(), found.sha256WithEcdsa());
            X509Certificate second = selfSigned(found.publicKey(), found.sha256WithEcdsa());

            assertThat(found.publicKey()).isEqualTo(generated);
            first.verify(generated);
            second.verify(generated);
        }
    }

    @Test
    void aKeyOfTheWrongTypeForTheAlgorithmIsRefusedBeforeTheTokenIsAsked() {
        SoftHsm.Token token = SoftHsm.newToken("wrongtype");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey ec = keys.generateEcP256("ec-ca");
            SigningKey rsa = keys.generateRsa2048("rsa-ca");

            assertThatThrownBy(ec::sha256WithRsa).isInstanceOf(WrongKeyTypeException.class)
                    .hasMessage("Key 'ec-ca' is an EC key and cannot sign SHA256_WITH_RSA, which needs an RSA key");
            assertThatThrownBy(ec::sha256WithRsaPss).isInstanceOf(WrongKeyTypeException.class)
                    .hasMessage("Key 'ec-ca' is an EC key and cannot sign SHA256_WITH_RSA_PSS, which needs an RSA key");
            assertThatThrownBy(rsa::sha256WithEcdsa).isInstanceOf(WrongKeyTypeException.class)
                    .hasMessage("Key 'rsa-ca' is an RSA key and cannot sign SHA256_WITH_ECDSA, which needs an EC key");
        }
    }

    private Pkcs11KeySource open(SoftHsm.Token token) {
        return Pkcs11KeySource.open(new Pkcs11Settings(SoftHsm.MODULE, token.label(), Optional.empty(), 2,
                Duration.ofSeconds(1), Duration.ofSeconds(8)), token.pinChars(),
                new MutableClock(Instant.parse("2026-11-22T01:00:00Z")));
    }

    // openssl verify checks validity against the real time, so this certificate is valid now.
    private static X509Certificate selfSigned(PublicKey publicKey, ContentSigner signer) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] der = new JcaX509v3CertificateBuilder(SUBJECT, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), SUBJECT, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(signer).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static boolean jdkEcdsaVerifies(PublicKey key, byte[] signed, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(signature);
    }

    private String opensslVerifies(X509Certificate certificate) throws Exception {
        String file = pem("CERTIFICATE", certificate.getEncoded()).toString();
        return openssl("verify", "-x509_strict", "-CAfile", file, file);
    }

    private String openssl(String... arguments) {
        return SoftHsm.run(Stream.concat(Stream.of("openssl"), Stream.of(arguments)).toList());
    }

    private Path pem(String type, byte[] der) throws Exception {
        Path file = Files.createTempFile(temp, "signed", ".pem");
        try (PemWriter writer = new PemWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            writer.writeObject(new PemObject(type, der));
        }
        return file;
    }
}
