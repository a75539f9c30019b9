package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void serialsArePositiveAtMostSixteenOctetsAndDoNotRepeat() {
        SerialNumbers serials = new SerialNumbers(new SecureRandom());
        Set<BigInteger> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            BigInteger serial = serials.next();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(16);
            assertThat(seen.add(serial)).isTrue();
        }
    }

    @Test
    void theTopBitIsClearedSoAllOnesStaysPositive() {
        SerialNumbers serials = new SerialNumbers(new ScriptedRandom((byte) 0xff));

        assertThat(serials.next()).isEqualTo(BigInteger.TWO.pow(127).subtract(BigInteger.ONE));
    }

    @Test
    void zeroIsNeverASerialNumberSoAllZeroBytesAreDrawnAgain() {
        SerialNumbers serials = new SerialNumbers(new ScriptedRandom((byte) 0, (byte) 1));

        assertThat(serials.next()).isEqualTo(new BigInteger("01".repeat(16), 16));
    }

    /** Fills each request with the next scripted byte, to reach cases a real source almost never produces. */
    private static final class ScriptedRandom extends SecureRandom {

        private final byte[] script;
        private int next;

        ScriptedRandom(byte... script) {
            this.script = script;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, script[Math.min(next++, script.length - 1)]);
        }
    }
}
