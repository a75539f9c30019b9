package jp.shomei.keys.ceremony;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir secret sharing over GF(2^8), byte by byte: each byte of the secret is the constant term of
 * a random polynomial of degree {@code threshold - 1}; share {@code x} holds the polynomial's value
 * at {@code x} for every byte. Any {@code threshold} shares determine the polynomials and so the
 * secret; fewer are consistent with every possible secret.
 *
 * <p>Raw arithmetic only: nothing here detects a wrong share, which silently yields a wrong secret.
 * {@link SecretShare} adds the checksum and commitment that catch that.
 */
public final class Shamir {

    /** A share's x coordinate (1..255; 0 would be the secret itself) and its y values, one per secret byte. */
    public record Point(int x, byte[] y) {
        public Point {
            if (x < 1 || x > 255) {
                throw new CeremonyException("A share index must be 1 to 255, got " + x);
            }
        }
    }

    private Shamir() {
    }

    /** Splits {@code secret} into {@code count} points, any {@code threshold} of which rebuild it. */
    public static List<Point> split(byte[] secret, int threshold, int count, SecureRandom random) {
        if (threshold < 1 || threshold > count || count > 255) {
            throw new CeremonyException("Need 1 <= threshold <= shares <= 255, got " + threshold + " of " + count);
        }
        byte[][] ys = new byte[count][secret.length];
        byte[] coefficients = new byte[threshold];
        try {
            for (int b = 0; b < secret.length; b++) {
                coefficients[0] = secret[b];
                for (int c = 1; c < threshold; c++) {
                    coefficients[c] = (byte) random.nextInt(256);
                }
                for (int i = 0; i < count; i++) {
                    ys[i][b] = (byte) evaluate(coefficients, i + 1);
                }
            }
        } finally {
            Arrays.fill(coefficients, (byte) 0);
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Point(i + 1, ys[i]));
        }
        return points;
    }

    /** Lagrange interpolation at x = 0 through all the points given, which must have distinct x and equal length. */
    public static byte[] combine(List<Point> points) {
        if (points.isEmpty()) {
            throw new CeremonyException("No shares to combine");
        }
        int length = points.get(0).y().length;
        Set<Integer> seen = new HashSet<>();
        for (Point point : points) {
            if (!seen.add(point.x())) {
                throw new CeremonyException("Share " + point.x() + " was presented twice");
            }
            if (point.y().length != length) {
                throw new CeremonyException("Shares of different lengths cannot belong to one secret");
            }
        }
        byte[] secret = new byte[length];
        for (Point i : points) {
            // The Lagrange basis polynomial of point i, evaluated at 0: prod x_j / (x_j - x_i); minus is xor here.
            int basis = 1;
            for (Point j : points) {
                if (j != i) {
                    basis = Gf256.multiply(basis, Gf256.divide(j.x(), j.x() ^ i.x()));
                }
            }
            for (int b = 0; b < length; b++) {
                secret[b] ^= (byte) Gf256.multiply(i.y()[b] & 0xff, basis);
            }
        }
        return secret;
    }

    // Horner's rule, highest coefficient first.
    private static int evaluate(byte[] coefficients, int x) {
        int result = 0;
        for (int c = coefficients.length - 1; c >= 0; c--) {
            result = Gf256.multiply(result, x) ^ (coefficients[c] & 0xff);
        }
        return result;
    }
}
