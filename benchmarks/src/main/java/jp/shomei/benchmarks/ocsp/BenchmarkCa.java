package jp.shomei.benchmarks.ocsp;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
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
import jp.shomei.keys.SoftwareKeySource;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** An embedded CA for the OCSP and verifier benchmarks: in-memory H2, software keys under a per-run passphrase, one resident. */
public record BenchmarkCa(Store store, SoftwareKeySource keys, char[] passphrase, CertificateAuthorities authorities,
                   CaServices services) {

    static final Actor CHIYODA = new Actor("131016", "CN=Chiyoda-ku issuance system");
    static final String RESIDENT = "00000000001";

    public static BenchmarkCa start(Path work, Clock clock) {
        SecureRandom random = new SecureRandom();
        char[] passphrase = Base64.getEncoder().encodeToString(random.generateSeed(18)).toCharArray();
        SoftwareKeySource keys = new SoftwareKeySource(work.resolve("keys"), passphrase);
        Store store = Store.open(DatabaseConfig.inMemory("bench"));
        CertificateAuthorities authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                new SerialNumbers(random), clock).loadOrCreate();
        CaServices services = CaServices.create(store, authorities, new CrlBaseUrl("http://127.0.0.1"), clock, random);
        services.residents().put(CHIYODA, new Resident(RESIDENT, "131016",
                new BasicFour(FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                        FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
        return new BenchmarkCa(store, keys, passphrase, authorities, services);
    }

    public CertificateRecord enroll(CaKind kind) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return services.certificates().enroll(CHIYODA, RESIDENT, kind,
                SubjectPublicKeyInfo.getInstance(generator.generateKeyPair().getPublic().getEncoded()),
                LocalDate.now().plusYears(8));
    }
}
