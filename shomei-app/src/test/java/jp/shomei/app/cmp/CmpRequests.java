package jp.shomei.app.cmp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import jp.shomei.ca.api.credentials.LocalCredentials;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.CertStatus;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.crmf.CertTemplateBuilder;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.jcajce.JcaCertificateRequestMessageBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * CMP requests built in-process with Bouncy Castle, for the cases openssl will not send: a proof
 * of possession made with the wrong key, a replay, a stale messageTime, a certConf out of the blue.
 * Each is signed with a client credential of the operations CA, a municipality's or the call
 * centre's, and stamped with the given time.
 */
final class CmpRequests {

    static final String CARD_EXPIRY_OID = "1.3.6.1.4.1.99999.6.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509CertificateHolder certificate;
    private final PrivateKey key;

    CmpRequests(LocalCredentials.Credential credential) {
        this(certificate(credential.certificate()), privateKey(credential.privateKey()));
    }

    /** Requests signed with this credential, for one made by the test itself. */
    CmpRequests(X509CertificateHolder certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The certificate of a PEM file. */
    static X509CertificateHolder certificate(Path pem) {
        return (X509CertificateHolder) readPem(pem);
    }

    /** The private key of a PKCS#8 PEM file. */
    static PrivateKey privateKey(Path pem) {
        try {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) readPem(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object readPem(Path pem) {
        try (Reader in = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(in)) {
            return parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header fields of one message. */
    record Header(byte[] transactionId, byte[] senderNonce, byte[] recipNonce, Instant messageTime) {

        static Header fresh(Instant now) {
            return new Header(random(), random(), null, now);
        }

        Header withTransactionId(byte[] transactionId) {
            return new Header(transactionId, senderNonce, recipNonce, messageTime);
        }
    }

    /** An ir for this resident's card key, its proof of possession signed by {@code popSigner}. */
    PKIMessage ir(Header header, String residentCode, SubjectPublicKeyInfo cardKey, PrivateKey popSigner) {
        try {
            JcaCertificateRequestMessageBuilder request = new JcaCertificateRequestMessageBuilder(BigInteger.ZERO);
            request.setPublicKey(cardKey);
            request.setSubject(new X500NameBuilder().addRDN(BCStyle.SERIALNUMBER, residentCode).build());
            request.setProofOfPossessionSigningKeySigner(signer(popSigner));
            PKIBody body = new PKIBody(PKIBody.TYPE_INIT_REQ, new CertReqMessages(request.build().toASN1Structure()));
            return sign(header, body, true);
        } catch (CRMFException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ir whose card key and proof of possession are in order. */
    PKIMessage ir(Header header, String residentCode, KeyPair card) {
        return ir(header, residentCode, SubjectPublicKeyInfo.getInstance(card.getPublic().getEncoded()), card.getPrivate());
    }

    /** A p10cr carrying this DER PKCS#10 request. */
    PKIMessage p10cr(Header header, byte[] csr) {
        return sign(header, new PKIBody(PKIBody.TYPE_P10_CERT_REQ, CertificationRequest.getInstance(csr)), true);
    }

    /** A certConf accepting a certificate nobody asked for. */
    PKIMessage certConf(Header header) {
        CertStatus status = new CertStatus(new byte[32], BigInteger.ZERO);
        return sign(header, new PKIBody(PKIBody.TYPE_CERT_CONFIRM, CertConfirmContent.getInstance(
                new DERSequence(status))), false);
    }

    /** An rr for the certificate with this serial and CRL reason code; certificateHold (6) asks for a suspension. */
    PKIMessage rr(Header header, BigInteger serial, int reasonCode) {
        CertTemplate template = new CertTemplateBuilder().setSerialNumber(new ASN1Integer(serial)).build();
        try {
            Extensions details = new Extensions(new Extension(Extension.reasonCode, false,
                    CRLReason.lookup(reasonCode).getEncoded()));
            return sign(header, new PKIBody(PKIBody.TYPE_REVOCATION_REQ,
                    new RevReqContent(new RevDetails(template, details))), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A genm asking for the CA certificates (RFC 9483 §4.3.1). */
    PKIMessage genmCaCerts(Header header) {
        return sign(header, new PKIBody(PKIBody.TYPE_GEN_MSG, new GenMsgContent(
                new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts))), false);
    }

    private PKIMessage sign(Header header, PKIBody body, boolean enrollment) {
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(new GeneralName(certificate.getSubject()),
                new GeneralName(new X500Name("CN=Shomei")))
                .setTransactionID(header.transactionId())
                .setSenderNonce(header.senderNonce())
                .setMessageTime(Date.from(header.messageTime()))
                .addCMPCertificate(certificate)
                .setBody(body);
        if (header.recipNonce() != null) {
            builder.setRecipNonce(header.recipNonce());
        }
        if (enrollment) {
            builder.addGeneralInfo(new InfoTypeAndValue(new ASN1ObjectIdentifier(CARD_EXPIRY_OID),
                    new ASN1Integer(20360510)));
            builder.addGeneralInfo(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm));
        }
        try {
            return builder.build(signer(key)).toASN1Structure();
        } catch (CMPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                    .build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
