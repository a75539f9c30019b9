package jp.shomei.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.testsupport.MutableClock;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

class Pkcs11KeySourceTest {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(8);

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));

    @Test
    void aKeyGeneratedOnTheTokenSignsWhatTheJdkVerifies() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("sign");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            byte[] content = "tbsCertificate".getBytes(StandardCharsets.UTF_8);

            byte[] signature = sign(key, content);

            assertThat(key.publicKey().getAlgorithm()).isEqualTo("RSA");
            assertThat(verifies(key.publicKey(), content, signature)).isTrue();
            assertThat(keys.describe()).contains(token.label()).doesNotContain(token.pin());
        }
    }

    @Test
    void aLaterKeySourceFindsTheSameKeyOnTheToken() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("find");
        PublicKey generated;
        try (Pkcs11KeySource keys = open(token)) {
            generated = keys.generateRsa2048("auth-ca").publicKey();
        }

        try (Pkcs11KeySource keys = open(token)) {
            SigningKey found = keys.find("auth-ca").orElseThrow();
            byte[] content = {1, 2, 3};

            assertThat(found.publicKey()).isEqualTo(generated);
            assertThat(verifies(generated, content, sign(found, content))).isTrue();
            assertThat(keys.find("no-such-key")).isEmpty();
        }
    }

    @Test
    void aSecondKeyUnderAnExistingLabelIsRefused() {
        SoftHsm.Token token = SoftHsm.newToken("dup");
        try (Pkcs11KeySource keys = open(token)) {
            keys.generateRsa2048("sign-ca");

            assertThatThrownBy(() -> keys.generateRsa2048("sign-ca"))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("'sign-ca' already exists on PKCS#11 token '" + token.label() + "'");
        }
    }

    /**
     * The key is found once; signatures use the cached handle. Proven from outside: once a second
     * key with the same label is added by another program, a fresh search refuses to pick one, yet
     * the running source keeps signing with the key it found first.
     */
    @Test
    void signaturesReuseTheKeyHandleInsteadOfSearchingTheTokenEachTime() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("cache");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            SoftHsm.run(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(), "--token-label", token.label(),
                    "--login", "--pin", token.pin(), "--keypairgen", "--key-type", "rsa:2048", "--label", "sign-ca",
                    "--id", "ff"));

            for (int i = 0; i < 20; i++) {
                byte[] content = {(byte) i};
                assertThat(verifies(key.publicKey(), content, sign(key, content))).isTrue();
            }
            try (Pkcs11KeySource fresh = open(token)) {
                assertThatThrownBy(() -> fresh.find("sign-ca"))
                        .isInstanceOf(KeySourceException.class)
                        .hasMessageContaining("more than one private key labelled 'sign-ca'");
            }
        }
    }

    @Test
    void pkcs11ToolSeesThePrivateKeyAsSensitiveAndNeverExtractable() {
        SoftHsm.Token token = SoftHsm.newToken("tool");
        try (Pkcs11KeySource keys = open(token)) {
            keys.generateRsa2048("sign-ca");
        }

        String objects = SoftHsm.run(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(),
                "--token-label", token.label(), "--login", "--pin", token.pin(), "--list-objects"));

        String privateKey = objects.substring(objects.indexOf("Private Key Object"));
        assertThat(privateKey).startsWith("Private Key Object; RSA")
                .containsPattern("label:\\s+sign-ca")
                .containsPattern("ID:\\s+[0-9a-f]{32}")
                .containsPattern("Usage:\\s+sign\\n")
                .containsPattern("Access:\\s+sensitive, always sensitive, never extractable, local");
        assertThat(objects).contains("Public Key Object; RSA 2048 bits");
    }

    @Test
    void aWrongPinFailsWithAClearMessageThatDoesNotContainThePin() {
        SoftHsm.Token token = SoftHsm.newToken("pin");
        String wrongPin = token.pin() + "0";
        Pkcs11Settings settings = settings(token);

        assertThatThrownBy(() -> Pkcs11KeySource.open(settings, wrongPin.toCharArray(), clock))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("PKCS#11 token '" + token.label() + "' rejected the user PIN (CKR_PIN_INCORRECT)")
                .hasMessageNotContaining(wrongPin)
                .hasMessageNotContaining(token.pin());
    }

    @Test
    void anUnknownTokenLabelIsNamedWithTheTokensThatArePresent() {
        SoftHsm.Token present = SoftHsm.newToken("present");
        Pkcs11Settings settings = Pkcs11Settings.of(SoftHsm.MODULE, "no-such-token", Optional.empty());

        assertThatThrownBy(() -> Pkcs11KeySource.open(settings, present.pinChars(), clock))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("No token labelled 'no-such-token'")
                .hasMessageContaining(present.label());
    }

    @Test
    void theTokenDirectoryDeletedAndRecreatedUnderARunningPool() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("vanish");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            assertThat(keys.unhealthyReason()).isEmpty();

            Path copy = SoftHsm.deleteTokenDirectory(token, temp);

            assertThat(keys.unhealthyReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("'" + token.label() + "'").doesNotContain(token.pin()));
            assertThatThrownBy(() -> sign(key, new byte[] {1}))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessageStartingWith("Signing unavailable")
                    .hasMessageContaining("next reconnection attempt at");

            SoftHsm.recreateTokenDirectory(token, copy);
            assertThat(keys.unhealthyReason()).as("no reconnection before the backoff has passed").isPresent();
            clock.advance(FIRST_RETRY);

            assertThat(keys.unhealthyReason()).isEmpty();
            byte[] content = {2};
            assertThat(verifies(key.publicKey(), content, sign(key, content))).isTrue();
        }
    }

    @Test
    void reconnectionWaitsDoubleWhileTheTokenStaysAway() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("backoff");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            Path copy = SoftHsm.deleteTokenDirectory(token, temp);
            assertThat(keys.unhealthyReason()).isPresent();
            clock.advance(FIRST_RETRY);
            assertThat(keys.unhealthyReason()).isPresent();

            SoftHsm.recreateTokenDirectory(token, copy);
            clock.advance(FIRST_RETRY);
            assertThat(keys.unhealthyReason()).as("the second wait is twice the first").isPresent();
            clock.advance(FIRST_RETRY);

            assertThat(keys.unhealthyReason()).isEmpty();
            assertThat(sign(key, new byte[] {3})).hasSize(256);
        }
    }

    @Test
    void sessionsClosedBehindThePoolsBackAreReopenedBeforeTheNextSignature() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("closed");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            SharedModule module = SharedModule.acquire(SoftHsm.MODULE);
            try {
                Slot slot = slotOf(module, token);
                module.module().getPKCS11Module().C_CloseAllSessions(slot.getSlotID());

                byte[] content = {4};
                assertThat(verifies(key.publicKey(), content, sign(key, content))).isTrue();
                assertThat(keys.unhealthyReason()).isEmpty();
            } finally {
                module.release();
            }
        }
    }

    @Test
    void aTokenLoggedOutUnderThePoolIsDetectedAndLoggedInAgain() throws Exception {
        SoftHsm.Token token = SoftHsm.newToken("logout");
        try (Pkcs11KeySource keys = open(token)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            SharedModule module = SharedModule.acquire(SoftHsm.MODULE);
            try {
                // Login state belongs to the token and the application: one logout ends it for every session.
                Session other = slotOf(module, token).getToken().openSession(false);
                other.logout();
                other.closeSession();

                assertThat(keys.unhealthyReason()).isEmpty();
                other = slotOf(module, token).getToken().openSession(false);
                other.logout();
                other.closeSession();
                byte[] content = {5};
                assertThat(verifies(key.publicKey(), content, sign(key, content))).isTrue();
            } finally {
                module.release();
            }
        }
    }

    private Pkcs11KeySource open(SoftHsm.Token token) {
        return Pkcs11KeySource.open(settings(token), token.pinChars(), clock);
    }

    private static Pkcs11Settings settings(SoftHsm.Token token) {
        return new Pkcs11Settings(SoftHsm.MODULE, token.label(), Optional.empty(), 2, FIRST_RETRY, MAX_RETRY);
    }

    private static Slot slotOf(SharedModule module, SoftHsm.Token token) throws Exception {
        for (Slot slot : module.module().getSlotList(true)) {
            if (slot.getToken().getTokenInfo().getLabel().trim().equals(token.label())) {
                return slot;
            }
        }
        throw new AssertionError("token " + token.label() + " not in the module");
    }

    private static byte[] sign(SigningKey key, byte[] content) throws Exception {
        ContentSigner signer = key.sha256WithRsa();
        signer.getOutputStream().write(content);
        return signer.getSignature();
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(content);
        return verifier.verify(signature);
    }
}
