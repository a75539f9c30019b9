package jp.shomei.benchmarks.hsm;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.pkcs11.Pkcs11KeySource;
import jp.shomei.keys.pkcs11.Pkcs11Settings;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * What Shomei's PKCS#11 path costs over the HSM itself, all on the same SoftHSM key in one run
 * (benchmarks/scripts/hsm-signing.sh): the raw wrapper's C_SignInit/C_Sign on a prepared
 * DigestInfo (the baseline), a signature through the Pkcs11KeySource pool and its verifying
 * ContentSigner (hashing, pool checkout, verification before release), and a signing certificate
 * issued through the lifecycle over in-memory H2 (checks, profile, signature, store, audit).
 * Each benchmark runs in a JVM of its own, so the raw one has the module to itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class HsmSigningBenchmark {

    /** About the size of a JPKI signing certificate's TBSCertificate. */
    private static final byte[] CONTENT = new byte[1200];

    /** A session of the raw wrapper, logged in, with the key's handle found once. */
    @State(Scope.Thread)
    public static class RawSession {
        private PKCS11Module module;
        private Session session;
        private long privateKey;
        private byte[] digestInfo;

        @Setup
        public void open() throws Exception {
            BenchmarkToken token = BenchmarkToken.fromEnvironment();
            module = PKCS11Module.getInstance(token.module().toString());
            try {
                module.initialize();
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                    throw e;
                }
            }
            session = slot(token.label()).getToken().openSession(true);
            char[] pin = token.pin();
            try {
                session.login(CKU_USER, pin);
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                    throw e;
                }
            } finally {
                Arrays.fill(pin, '\0');
            }
            privateKey = session.findObjectsSingle(AttributeVector.newPrivateKey().label(BenchmarkToken.KEY_LABEL), 1)[0];
            digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                    MessageDigest.getInstance("SHA-256").digest(CONTENT)).getEncoded();
        }

        private Slot slot(String label) throws PKCS11Exception {
            for (Slot slot : module.getSlotList(true)) {
                if (slot.getToken().getTokenInfo().getLabel().trim().equals(label)) {
                    return slot;
                }
            }
            throw new IllegalStateException("no token " + label);
        }

        @TearDown
        public void close() throws PKCS11Exception {
            session.closeSession();
        }
    }

    /** The signing pool on the same token and key, as the server opens it. */
    @State(Scope.Benchmark)
    public static class Pool {
        Pkcs11KeySource keys;
        SigningKey key;

        @Setup
        public void open() {
            BenchmarkToken token = BenchmarkToken.fromEnvironment();
            char[] pin = token.pin();
            try {
                keys = Pkcs11KeySource.open(Pkcs11Settings.of(token.module(), token.label(), Optional.empty()), pin,
                        Clock.systemUTC());
            } finally {
                Arrays.fill(pin, '\0');
            }
            key = keys.find(BenchmarkToken.KEY_LABEL).orElseThrow();
        }

        @TearDown
        public void close() {
            keys.close();
        }
    }

    /** A CA over in-memory H2 whose signing CA key is the benchmark key on the token. */
    @State(Scope.Benchmark)
    public static class Ca {
        private static final Actor CHIYODA = new Actor("131016", "CN=Chiyoda-ku issuance system");
        private static final BigInteger F4 = BigInteger.valueOf(65537);

        private final SecureRandom random = new SecureRandom();
        private final AtomicLong residents = new AtomicLong();
        private Pool pool;
        private Store store;
        private CaServices services;
        String resident;
        SubjectPublicKeyInfo cardKey;

        @Setup
        public void start() {
            pool = new Pool();
            pool.open();
            Clock clock = Clock.systemUTC();
            store = Store.open(DatabaseConfig.inMemory("hsm-bench"));
            services = CaServices.create(store, new AuthorityBootstrap(store, pool.keys, new CaCertificateFactory(clock),
                    new SerialNumbers(random), clock).loadOrCreate(), new CrlBaseUrl("http://127.0.0.1"), clock, random);
        }

        /**
         * A new resident for each certificate (one live signing certificate each) with a card key of
         * their own. The card key is a random 2048-bit modulus: the CA only certifies a public key and
         * never uses it, and generating real RSA keys would take longer than issuing.
         */
        @Setup(Level.Invocation)
        public void nextResident() throws IOException {
            resident = String.format("%011d", residents.incrementAndGet());
            services.residents().put(CHIYODA, new Resident(resident, "131016",
                    new BasicFour(FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                            FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
            BigInteger modulus = new BigInteger(2048, random).setBit(2047).setBit(0);
            cardKey = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    new RSAPublicKey(modulus, F4));
        }

        @TearDown
        public void stop() {
            store.close();
            pool.close();
        }
    }

    @Benchmark
    public byte[] rawWrapperSignature(RawSession raw) throws PKCS11Exception {
        return raw.session.signSingle(new Mechanism(CKM_RSA_PKCS), raw.privateKey, raw.digestInfo);
    }

    @Benchmark
    public byte[] poolSignature(Pool pool) {
        ContentSigner signer = pool.key.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signer.getSignature();
    }

    @Benchmark
    public CertificateRecord certificateIssued(Ca ca) {
        return ca.services.certificates().enroll(Ca.CHIYODA, ca.resident, CaKind.SIGNING, ca.cardKey,
                LocalDate.now().plusYears(8));
    }
}
