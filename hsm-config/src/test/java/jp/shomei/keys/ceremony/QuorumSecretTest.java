package jp.shomei.keys.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumSecretTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void twoOfThreeSharesRebuildTheSecretAsTextOperatorsCarry() {
        try (QuorumSecret original = QuorumSecret.generate(random)) {
            List<String> texts = original.split(2, 3, random).stream().map(SecretShare::format).toList();
            List<SecretShare> presented = List.of(SecretShare.parse(texts.get(2), "carol"), SecretShare.parse(texts.get(0), "alice"));

            try (QuorumSecret rebuilt = QuorumSecret.rebuild("token PIN", original.commitment(), 2, presented)) {
                assertThat(rebuilt.bytes()).isEqualTo(original.bytes());
                assertThat(new String(rebuilt.pin())).matches("[0-9a-f]{64}");
            }
        }
    }

    @Test
    void oneShareOfATwoOfThreeSetIsNoQuorum() {
        try (QuorumSecret original = QuorumSecret.generate(random)) {
            SecretShare only = original.split(2, 3, random).get(1);

            assertThatThrownBy(() -> QuorumSecret.rebuild("token PIN", original.commitment(), 2, List.of(only)))
                    .isInstanceOf(CeremonyException.class)
                    .hasMessage("No quorum for the token PIN: 1 of the 2 shares needed were presented (secret "
                            + original.commitment() + ")");
        }
    }

    @Test
    void aMistypedShareFailsItsChecksum() {
        try (QuorumSecret original = QuorumSecret.generate(random)) {
            String text = original.split(2, 3, random).get(0).format();
            int at = text.indexOf(":1:") + 5;
            String mistyped = text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1);

            assertThatThrownBy(() -> SecretShare.parse(mistyped, "alice.share"))
                    .isInstanceOf(CeremonyException.class)
                    .hasMessage("The share from alice.share fails its checksum: it was mistyped or altered");
        }
    }

    /** A share altered by someone who also recomputes its checksum still cannot pass: the secret it yields is not the one committed to. */
    @Test
    void aShareAlteredWithAValidChecksumIsCaughtByTheCommitment() {
        try (QuorumSecret original = QuorumSecret.generate(random)) {
            List<SecretShare> shares = original.split(2, 3, random);
            byte[] altered = shares.get(1).value().clone();
            altered[5] ^= 0x01;
            SecretShare forged = SecretShare.parse(
                    new SecretShare(original.commitment(), 2, 2, altered).format(), "bob");

            assertThatThrownBy(() -> QuorumSecret.rebuild("backup KEK", original.commitment(), 2, List.of(shares.get(0), forged)))
                    .isInstanceOf(CeremonyException.class)
                    .hasMessage("The shares presented for the backup KEK (indexes [1, 2]) do not rebuild the secret they"
                            + " commit to: at least one of them is wrong or was altered");
        }
    }

    @Test
    void sharesOfAnotherSecretDoNotCountTowardsTheQuorum() {
        try (QuorumSecret pin = QuorumSecret.generate(random); QuorumSecret kek = QuorumSecret.generate(random)) {
            List<SecretShare> presented = List.of(pin.split(2, 3, random).get(0), kek.split(2, 3, random).get(1));

            assertThatThrownBy(() -> QuorumSecret.rebuild("token PIN", pin.commitment(), 2, presented))
                    .isInstanceOf(CeremonyException.class).hasMessageStartingWith("No quorum for the token PIN: 1 of the 2");
        }
    }

    @Test
    void aShareClaimingALowerThresholdThanTheScriptIsRefused() {
        try (QuorumSecret original = QuorumSecret.generate(random)) {
            List<SecretShare> oneOfOne = original.split(1, 2, random);

            assertThatThrownBy(() -> QuorumSecret.rebuild("token PIN", original.commitment(), 2, oneOfOne))
                    .isInstanceOf(CeremonyException.class)
                    .hasMessage("Share 1 for the token PIN claims a threshold of 1 where the script requires 2");
        }
    }

    @Test
    void closingWipesTheSecretAndNoShareOrSecretIsEverPrinted() {
        QuorumSecret secret = QuorumSecret.generate(random);
        byte[] bytes = secret.bytes();
        SecretShare share = secret.split(2, 3, random).get(0);
        String hex = HexFormat.of().formatHex(share.value());

        assertThat(share.toString()).doesNotContain(hex).contains("share 1 of a 2-of-n set");
        assertThat(secret.toString()).doesNotContain(HexFormat.of().formatHex(bytes));
        secret.close();
        assertThat(bytes).containsOnly(0);
    }
}
