package jp.shomei.ca.api.credentials;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.shomei.ca.resident.Municipality;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS credentials of the embedded default, made on first start under {@code <data>/credentials}:
 * a local operations CA (the only issuer the municipal listener trusts), the listener's server
 * certificate for 127.0.0.1 and localhost, and demo client credentials for municipalities. Keys are
 * unencrypted PEM readable only by the owner, so that curl and openssl can use them as they are.
 * Production replaces all of this with credentials from the operator's own PKI.
 */
public final class LocalCredentials {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

    private final Path directory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LocalCredentials(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Certificate and key of one credential, as PEM files. */
    public record Credential(Path certificate, Path privateKey) {
    }

    public Path directory() {
        return directory;
    }

    public Credential operationsCa() {
        return credential("operations-ca");
    }

    public Credential server() {
        return credential("server");
    }

    public Credential client(String municipalityCode) {
        return credential("clients/" + municipalityCode);
    }

    /** The client credential of a verifier registered without a certificate of its own. */
    public Credential verifier(String verifierId) {
        return credential("verifiers/" + verifierId);
    }

    /**
     * Issues a verifier's client credential from the operations CA, which the verifier listener
     * trusts, unless it exists; returns it. The subject has no OU, so it never passes as a municipality.
     */
    public Credential ensureVerifier(String verifierId) {
        Credential credential = verifier(verifierId);
        try {
            Files.createDirectories(directory.resolve("verifiers"));
            if (!Files.exists(credential.certificate())) {
                issue(credential, new X500NameBuilder().addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Shomei Verifiers")
                        .addRDN(BCStyle.CN, verifierId).build(), KeyPurposeId.id_kp_clientAuth, null);
            }
            return credential;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the verifier credential in " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create the verifier credential", e);
        }
    }

    /** Creates whatever is missing: the operations CA, the server credential, and a client credential per municipality. */
    public void ensure(List<Municipality> demoMunicipalities) {
        try {
            Files.createDirectories(directory.resolve("clients"));
            if (!Files.exists(operationsCa().certificate())) {
                KeyPair pair = newKeyPair();
                X500Name name = new X500NameBuilder().addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Shomei Operations")
                        .addRDN(BCStyle.CN, "Shomei Local Operations CA").build();
                X509CertificateHolder ca = sign(builder(name, name, pair, CA_VALIDITY)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                        pair.getPrivate());
                write(operationsCa(), ca, pair.getPrivate());
            }
            if (!Files.exists(server().certificate())) {
                issue(server(), new X500NameBuilder().addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Shomei Operations")
                                .addRDN(BCStyle.CN, "localhost").build(), KeyPurposeId.id_kp_serverAuth,
                        new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            for (Municipality municipality : demoMunicipalities) {
                if (!Files.exists(client(municipality.code()).certificate())) {
                    issue(client(municipality.code()), new X500NameBuilder().addRDN(BCStyle.C, "JP")
                                    .addRDN(BCStyle.O, "Shomei Municipal Systems").addRDN(BCStyle.OU, municipality.code())
                                    .addRDN(BCStyle.CN, municipality.nameRomaji() + " issuance system").build(),
                            KeyPurposeId.id_kp_clientAuth, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create local credentials in " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create local credentials", e);
        }
    }

    private void issue(Credential target, X500Name subject, KeyPurposeId purpose, GeneralNames altNames)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X509CertificateHolder ca = read(operationsCa().certificate());
        PrivateKey caKey = readKey(operationsCa().privateKey());
        KeyPair pair = newKeyPair();
        X509v3CertificateBuilder builder = builder(ca.getSubject(), subject, pair, LEAF_VALIDITY)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getSubjectPublicKeyInfo()));
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        write(target, sign(builder, caKey), pair.getPrivate());
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair, Duration validity)
            throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random), Date.from(now.minusSeconds(300)),
                Date.from(now.plus(validity)), subject, pair.getPublic())
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException {
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private Credential credential(String name) {
        return new Credential(directory.resolve(name + ".pem"), directory.resolve(name + ".key.pem"));
    }

    private static void write(Credential target, X509CertificateHolder certificate, PrivateKey key) throws IOException {
        writeAtomically(target.privateKey(), pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)), true);
        writeAtomically(target.certificate(), pem(certificate), false);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".pem");
        try {
            if (secret && temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static X509CertificateHolder read(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            return (X509CertificateHolder) parser.readObject();
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }
}
