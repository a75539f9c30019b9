package jp.shomei.keys;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets for tests are made fresh on every run, never written into the sources. */
final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    static char[] randomPassphrase() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
