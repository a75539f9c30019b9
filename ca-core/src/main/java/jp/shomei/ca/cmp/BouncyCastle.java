package jp.shomei.ca.cmp;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The provider that verifies request protection and signs responses. Every issuance costs one P-256
 * verification and one P-256 signature besides the CA's own; JDK 17's SunEC takes about twice as long
 * as Bouncy Castle's for each, which made the verification alone a third of a CMP request's time
 * (BENCHMARKS.md, "CMP issuance").
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
