package jp.shomei.keys.ceremony;

/**
 * The field GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1. Addition is xor;
 * multiplication goes through logarithms to the generator 3, which reaches all 255 non-zero elements.
 */
final class Gf256 {

    private static final int[] EXP = new int[510];
    private static final int[] LOG = new int[256];

    static {
        int value = 1;
        for (int power = 0; power < 255; power++) {
            EXP[power] = value;
            EXP[power + 255] = value;
            LOG[value] = power;
            value = multiplySlowly(value, 3);
        }
    }

    private Gf256() {
    }

    static int multiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] + 255 - LOG[b]];
    }

    /** Shift-and-add multiplication, used once to build the tables and by the tests to check them. */
    static int multiplySlowly(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11b;
            }
            b >>= 1;
        }
        return product;
    }
}
