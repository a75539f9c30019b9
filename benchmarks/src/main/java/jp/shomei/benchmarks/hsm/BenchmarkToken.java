package jp.shomei.benchmarks.hsm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import jp.shomei.keys.TokenPin;

/**
 * The SoftHSM token that benchmarks/scripts/hsm-signing.sh made for the run, named by environment
 * variables, and the one key on it that every benchmark of the run signs with.
 */
record BenchmarkToken(Path module, String label, Path pinFile) {

    /** Made by the script with pkcs11-tool, so that every fork finds the same key. */
    static final String KEY_LABEL = "ca-sign-1";

    static BenchmarkToken fromEnvironment() {
        return new BenchmarkToken(Path.of(required("SHOMEI_BENCH_PKCS11_MODULE")), required("SHOMEI_BENCH_PKCS11_TOKEN"),
                Path.of(required("SHOMEI_BENCH_PKCS11_PIN_FILE")));
    }

    /** The user PIN, for the caller to wipe. */
    char[] pin() {
        return TokenPin.load(Optional.of(pinFile), Map.of());
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run this benchmark through benchmarks/scripts/hsm-signing.sh");
        }
        return value;
    }
}
