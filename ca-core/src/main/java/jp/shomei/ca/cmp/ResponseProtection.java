package jp.shomei.ca.cmp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs every CMP response, errors included, with the municipal listener's own credential (RFC 9483
 * §3.2): clients already trust the operations CA that issued it for TLS, so they can verify responses
 * with {@code -trusted operations-ca.pem} and nothing new to distribute. The response answers the
 * request's transactionID and senderNonce and carries a fresh nonce of its own.
 */
final class ResponseProtection {

    private static final int NONCE_BYTES = 16;

    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final String signatureAlgorithm;
    private final Clock clock;
    private final SecureRandom random;

    ResponseProtection(X509CertificateHolder certificate, PrivateKey key, Clock clock, SecureRandom random) {
        this.certificate = certificate;
        this.key = key;
        this.signatureAlgorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        this.clock = clock;
        this.random = random;
    }

    static ResponseProtection fromPem(Path certificate, Path key, Clock clock, SecureRandom random) {
        try (Reader in = Files.newBufferedReader(key, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            PrivateKey privateKey = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
            return new ResponseProtection(readCertificate(certificate), privateKey, clock, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CMP response key " + key, e);
        }
    }

    static X509CertificateHolder readCertificate(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            return (X509CertificateHolder) parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate " + file, e);
        }
    }

    /**
     * The protected response to a request with this header (null when the request could not be read),
     * carrying {@code extraCerts}: the responder's certificate first, then any others the client needs.
     */
    PKIMessage respond(PKIHeader request, PKIBody body, List<X509CertificateHolder> extraCerts,
                       List<InfoTypeAndValue> generalInfo) {
        GeneralName recipient = request == null ? PKIHeader.NULL_NAME : request.getSender();
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(version(request),
                new GeneralName(certificate.getSubject()), recipient)
                .setMessageTime(Date.from(clock.instant()))
                .setSenderNonce(nonce())
                .setBody(body)
                .addCMPCertificate(certificate);
        SubjectKeyIdentifier keyId = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
        if (keyId != null) {
            builder.setSenderKID(keyId.getKeyIdentifier());
        }
        if (request != null) {
            if (request.getTransactionID() != null) {
                builder.setTransactionID(request.getTransactionID().getOctets());
            }
            if (request.getSenderNonce() != null) {
                builder.setRecipNonce(request.getSenderNonce().getOctets());
            }
        }
        extraCerts.forEach(builder::addCMPCertificate);
        generalInfo.forEach(builder::addGeneralInfo);
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.PROVIDER)
                    .setSecureRandom(random).build(key);
            return builder.build(signer).toASN1Structure();
        } catch (OperatorCreationException | CMPException e) {
            throw new IllegalStateException("cannot sign a CMP response", e);
        }
    }

    /** Answers in the protocol version asked for: cmp2000 (2), or cmp2021 (3) when the client uses it. */
    private static int version(PKIHeader request) {
        return request != null && request.getPvno().hasValue(PKIHeader.CMP_2021) ? PKIHeader.CMP_2021 : PKIHeader.CMP_2000;
    }

    private byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }
}
