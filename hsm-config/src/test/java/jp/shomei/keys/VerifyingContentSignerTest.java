package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VerifyingContentSignerTest {

    private static KeyPair key;
    private static KeyPair otherKey;

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
    }

    @Test
    void producesSha256WithRsaSignaturesThatTheJdkVerifiesOverTheContent() throws Exception {
        ContentSigner signer = new VerifyingContentSigner("ca", key.getPublic(), pkcs1With(key.getPrivate()));
        byte[] content = "to be signed".getBytes(StandardCharsets.UTF_8);

        signer.getOutputStream().write(content);
        byte[] signature = signer.getSignature();

        assertThat(verifies(content, signature)).isTrue();
    }

    @Test
    void namesSha256WithRsaEncryptionWithNullParameters() throws Exception {
        ContentSigner signer = new VerifyingContentSigner("ca", key.getPublic(), pkcs1With(key.getPrivate()));

        // SEQUENCE { OID 1.2.840.113549.1.1.11, NULL }, as RFC 4055 and the JPKI CA certificates have it
        assertThat(HexFormat.of().formatHex(signer.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER)))
                .isEqualTo("300d06092a864886f70d01010b0500");
    }

    @Test
    void eachSignatureCoversOnlyWhatWasWrittenSinceThePreviousOne() throws Exception {
        ContentSigner signer = new VerifyingContentSigner("ca", key.getPublic(), pkcs1With(key.getPrivate()));
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);

        signer.getOutputStream().write(first);
        byte[] firstSignature = signer.getSignature();
        signer.getOutputStream().write(second);
        byte[] secondSignature = signer.getSignature();

        assertThat(verifies(first, firstSignature)).isTrue();
        assertThat(verifies(second, secondSignature)).isTrue();
    }

    @Test
    void withholdsASignatureMadeWithADifferentKey() {
        ContentSigner faulty = new VerifyingContentSigner("ca", key.getPublic(), pkcs1With(otherKey.getPrivate()));

        assertThatThrownBy(() -> sign(faulty))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("Key 'ca' produced a signature that does not verify with its public key;"
                        + " the signature was withheld");
    }

    @Test
    void withholdsACorruptedSignature() {
        VerifyingContentSigner.DigestInfoSigner flipsABit = digestInfo -> {
            byte[] signature = pkcs1With(key.getPrivate()).sign(digestInfo);
            signature[signature.length / 2] ^= 0x01;
            return signature;
        };
        ContentSigner faulty = new VerifyingContentSigner("ca", key.getPublic(), flipsABit);

        assertThatThrownBy(() -> sign(faulty)).hasMessageContaining("does not verify with its public key");
    }

    @Test
    void withholdsASignatureOfTheWrongLength() {
        ContentSigner faulty = new VerifyingContentSigner("ca", key.getPublic(),
                digestInfo -> Arrays.copyOf(pkcs1With(key.getPrivate()).sign(digestInfo), 255));

        assertThatThrownBy(() -> sign(faulty)).hasMessageContaining("does not verify with its public key");
    }

    @Test
    void reportsAFailingKeyHolderWithItsCause() {
        SignatureException cause = new SignatureException("token removed");
        ContentSigner failing = new VerifyingContentSigner("ca", key.getPublic(), digestInfo -> {
            throw cause;
        });

        assertThatThrownBy(() -> sign(failing))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("Signing with key 'ca' failed")
                .hasCause(cause);
    }

    private static byte[] sign(ContentSigner signer) throws Exception {
        signer.getOutputStream().write(new byte[] {1, 2, 3});
        return signer.getSignature();
    }

    private static VerifyingContentSigner.DigestInfoSigner pkcs1With(PrivateKey privateKey) {
        return digestInfo -> {
            Signature signature = Signature.getInstance("NONEwithRSA");
            signature.initSign(privateKey);
            signature.update(digestInfo);
            return signature.sign();
        };
    }

    private static boolean verifies(byte[] content, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key.getPublic());
        verifier.update(content);
        return verifier.verify(signature);
    }
}
