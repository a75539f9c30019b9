package jp.shomei.keys.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theLogarithmTablesAgreeWithShiftAndAddMultiplicationForEveryPair() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf256.multiply(a, b)).as("%d * %d", a, b).isEqualTo(Gf256.multiplySlowly(a, b));
                if (b != 0) {
                    assertThat(Gf256.multiply(Gf256.divide(a, b), b)).isEqualTo(a);
                }
            }
        }
    }

    @Test
    void everySubsetOfThresholdSizeRebuildsTheSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        List<Shamir.Point> points = Shamir.split(secret, 3, 5, random);

        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                for (int k = j + 1; k < 5; k++) {
                    assertThat(Shamir.combine(List.of(points.get(i), points.get(j), points.get(k))))
                            .as("shares %d, %d, %d", i + 1, j + 1, k + 1).isEqualTo(secret);
                }
            }
        }
        assertThat(Shamir.combine(points)).as("all five").isEqualTo(secret);
    }

    /**
     * Fewer shares than the threshold say nothing: for a 2-of-n split, one share is consistent with
     * every secret, since the line through (0, s) and that share exists for every s.
     */
    @Test
    void oneShareBelowTheThresholdCombinesToSomethingElse() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        List<Shamir.Point> points = Shamir.split(secret, 2, 3, random);

        assertThat(Shamir.combine(List.of(points.get(0)))).isNotEqualTo(secret);
        assertThat(points.get(0).y()).isNotEqualTo(secret);
    }

    @Test
    void theSameShareTwiceIsRefused() {
        List<Shamir.Point> points = Shamir.split(new byte[] {7}, 2, 3, random);

        assertThatThrownBy(() -> Shamir.combine(List.of(points.get(1), points.get(1))))
                .isInstanceOf(CeremonyException.class).hasMessage("Share 2 was presented twice");
    }

    @Test
    void impossibleThresholdsAreRefused() {
        assertThatThrownBy(() -> Shamir.split(new byte[] {1}, 4, 3, random))
                .isInstanceOf(CeremonyException.class).hasMessageContaining("4 of 3");
    }
}
