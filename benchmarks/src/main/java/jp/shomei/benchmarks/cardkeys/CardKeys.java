package jp.shomei.benchmarks.cardkeys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Card keys for load: RSA-2048 keys, each never certified before, made from pairs of a pool of
 * 1024-bit primes, so that thousands of distinct keys cost seconds instead of minutes of key
 * generation. Keys that share primes are worthless outside a benchmark; Shomei certifies them
 * because it checks only size and exponent. Not thread-safe.
 */
public final class CardKeys {

    private static final BigInteger EXPONENT = BigInteger.valueOf(65537);
    private static final X500Name SUBJECT = new X500Name("CN=Shomei benchmark card");

    private final SecureRandom random;
    private final List<BigInteger> primes = new ArrayList<>();
    private int first;
    private int second;

    public CardKeys(SecureRandom random) {
        this.random = random;
        primes.add(prime());
        primes.add(prime());
        second = 1;
    }

    /** The key of the next unused pair of primes, adding a prime to the pool when every pair is used. */
    public KeyPair next() {
        if (first == second) {
            primes.add(prime());
            second = primes.size() - 1;
            first = 0;
        }
        BigInteger p = primes.get(second);
        BigInteger q = primes.get(first++);
        BigInteger d = EXPONENT.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new KeyPair(factory.generatePublic(new RSAPublicKeySpec(p.multiply(q), EXPONENT)),
                    factory.generatePrivate(new RSAPrivateCrtKeySpec(p.multiply(q), EXPONENT, d, p, q,
                            d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    /** A PKCS#10 request in PEM for the next key, signed with it, as a municipal terminal sends it. */
    public String nextCertificationRequest() {
        KeyPair key = next();
        try {
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new JcaPKCS10CertificationRequestBuilder(SUBJECT, key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
            }
            return pem.toString();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certification request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1024-bit prime with its two top bits set, so that any product of two is exactly 2048 bits. */
    private BigInteger prime() {
        while (true) {
            BigInteger candidate = BigInteger.probablePrime(1024, random);
            if (candidate.testBit(1022) && !candidate.subtract(BigInteger.ONE).mod(EXPONENT).equals(BigInteger.ZERO)) {
                return candidate;
            }
        }
    }
}
