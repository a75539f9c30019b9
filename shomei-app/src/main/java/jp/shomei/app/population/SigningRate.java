package jp.shomei.app.population;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Random;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * The raw signing rate of a CA key: sha256WithRSA signatures over certificate-sized content, made
 * (and checked, as every signature is) exactly as certificates are signed. The generator's rate is
 * reported against it, measured in the same run, because the machine it runs on may be shared.
 */
public final class SigningRate {

    /** About the size of a signing certificate's to-be-signed part. */
    private static final int CONTENT_BYTES = 1_100;

    private SigningRate() {
    }

    /** Signatures a second, signing for about the given time on this thread. */
    public static double measure(SigningKey key, Duration duration) {
        byte[] content = new byte[CONTENT_BYTES];
        new Random(CONTENT_BYTES).nextBytes(content);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long signatures = 0;
        long now;
        do {
            ContentSigner signer = key.sha256WithRsa();
            try (OutputStream out = signer.getOutputStream()) {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            signer.getSignature();
            signatures++;
            now = System.nanoTime();
        } while (now < deadline);
        return signatures * 1e9 / (now - start);
    }
}
