package jp.shomei.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.List;
import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.ceremony.KeyBackup;
import jp.shomei.keys.ceremony.QuorumSecret;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

class CeremonyTokenTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path temp;

    @Test
    void aCaKeyCannotBeReadInClearNeitherThroughTheApiNorByPkcs11Tool() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("sensitive");
        try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, token.label(), token.pinChars())) {
            ceremony.generateCaKey("sign-ca");

            SharedModule module = SharedModule.acquire(SoftHsm.MODULE);
            try {
                Session session = slotOf(module, token).getToken().openSession(false);
                try {
                    long key = session.findObjectsSingle(AttributeVector.newPrivateKey().label("sign-ca"), 2)[0];
                    AttributeVector flags = session.getAttrValues(key, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_ALWAYS_SENSITIVE);
                    assertThat(flags.sensitive()).isTrue();
                    assertThat(flags.alwaysSensitive()).isTrue();
                    assertThat(flags.extractable()).as("extractable, but only by wrapping").isTrue();
                    // The wrapper's getAttrValues reports a sensitive attribute as absent; the raw call shows the refusal.
                    assertThat(session.getAttrValues(key, CKA_PRIVATE_EXPONENT).privateExponent()).isNull();
                    CK_ATTRIBUTE privateExponent = new CK_ATTRIBUTE();
                    privateExponent.type = CKA_PRIVATE_EXPONENT;
                    assertThatThrownBy(() -> module.module().getPKCS11Module().C_GetAttributeValue(
                            session.getSessionHandle(), key, new CK_ATTRIBUTE[] {privateExponent}, true))
                            .isInstanceOf(iaik.pkcs.pkcs11.wrapper.PKCS11Exception.class)
                            .satisfies(e -> assertThat(((iaik.pkcs.pkcs11.wrapper.PKCS11Exception) e).getErrorCode())
                                    .isEqualTo(CKR_ATTRIBUTE_SENSITIVE));
                    assertThat(privateExponent.pValue).isNull();
                } finally {
                    session.closeSession();
                }
            } finally {
                module.release();
            }
        }

        String objects = SoftHsm.run(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(),
                "--token-label", token.label(), "--login", "--pin", token.pin(), "--list-objects"));
        String privateKey = objects.substring(objects.indexOf("Private Key Object"));
        assertThat(privateKey).containsPattern("label:\\s+sign-ca")
                .containsPattern("Access:\\s+sensitive, always sensitive, extractable, local");
    }

    @Test
    void aBackupRestoredOntoAFreshTokenSignsAsTheOriginalKey() throws Exception {
        SoftHsm.Token original = SoftHsm.newToken("origin");
        SoftHsm.Token fresh = SoftHsm.newToken("fresh");
        try (QuorumSecret kek = QuorumSecret.generate(random)) {
            PublicKey originalKey;
            Path file = temp.resolve("sign-ca.backup");
            try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, original.label(), original.pinChars())) {
                originalKey = ceremony.generateCaKey("sign-ca").publicKey();
                ceremony.exportBackup("sign-ca", kek).write(file);
            }

            try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, fresh.label(), fresh.pinChars())) {
                SigningKey restored = ceremony.restore(KeyBackup.read(file), kek);
                byte[] message = "restored key test".getBytes(StandardCharsets.UTF_8);

                assertThat(verifies(originalKey, message, sign(restored, message))).isTrue();
                assertThat(ceremony.key("sign-ca").orElseThrow().publicKey()).isEqualTo(originalKey);
            }
        }
        // The signing pool finds the restored key like any other, by its label and CKA_ID.
        try (Pkcs11KeySource keys = Pkcs11KeySource.open(
                Pkcs11Settings.of(SoftHsm.MODULE, fresh.label(), java.util.Optional.empty()), fresh.pinChars(),
                java.time.Clock.systemUTC())) {
            assertThat(keys.find("sign-ca")).isPresent();
        }
    }

    @Test
    void theWrongKekCannotRestoreABackup() {
        SoftHsm.Token original = SoftHsm.newToken("wrongkek");
        SoftHsm.Token fresh = SoftHsm.newToken("wrongkek2");
        try (QuorumSecret kek = QuorumSecret.generate(random); QuorumSecret other = QuorumSecret.generate(random)) {
            KeyBackup backup;
            try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, original.label(), original.pinChars())) {
                ceremony.generateCaKey("sign-ca");
                backup = ceremony.exportBackup("sign-ca", kek);
            }
            try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, fresh.label(), fresh.pinChars())) {
                assertThatThrownBy(() -> ceremony.restore(backup, other))
                        .isInstanceOf(KeySourceException.class)
                        .hasMessage("The backup of 'sign-ca' was wrapped under the KEK " + kek.commitment()
                                + ", not under the KEK " + other.commitment() + " rebuilt for this ceremony");
                assertThat(ceremony.key("sign-ca")).isEmpty();
            }
        }
    }

    @Test
    void aSecondCaKeyUnderATakenLabelIsRefused() {
        SoftHsm.Token token = SoftHsm.newToken("taken");
        try (CeremonyToken ceremony = CeremonyToken.open(SoftHsm.MODULE, token.label(), token.pinChars())) {
            ceremony.generateCaKey("auth-ca");

            assertThatThrownBy(() -> ceremony.generateCaKey("auth-ca"))
                    .isInstanceOf(KeySourceException.class).hasMessageContaining("'auth-ca' already exists");
        }
    }

    private static Slot slotOf(SharedModule module, SoftHsm.Token token) throws PKCS11Exception {
        for (Slot slot : module.module().getSlotList(true)) {
            if (slot.getToken().getTokenInfo().getLabel().trim().equals(token.label())) {
                return slot;
            }
        }
        throw new AssertionError("token " + token.label() + " not found");
    }

    private static byte[] sign(SigningKey key, byte[] message) throws Exception {
        ContentSigner signer = key.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        }
        return signer.getSignature();
    }

    private static boolean verifies(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
