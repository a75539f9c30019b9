package jp.shomei.benchmarks.cmp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Date;
import jp.shomei.benchmarks.cardkeys.CardKeys;
import jp.shomei.ca.api.credentials.LocalCredentials;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcaCertificateRequestMessageBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signed ir messages with implicit confirmation, one per resident, each for a card key not certified before ({@link CardKeys}). */
final class IrMessages {

    private static final ASN1ObjectIdentifier CARD_EXPIRES_ON = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.6.1");

    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final SecureRandom random;
    private final CardKeys cardKeys;

    IrMessages(LocalCredentials.Credential municipality, SecureRandom random) {
        this.random = random;
        try (Reader certificateIn = Files.newBufferedReader(municipality.certificate(), StandardCharsets.US_ASCII);
             PEMParser certificates = new PEMParser(certificateIn);
             Reader keyIn = Files.newBufferedReader(municipality.privateKey(), StandardCharsets.US_ASCII);
             PEMParser keys = new PEMParser(keyIn)) {
            this.certificate = (X509CertificateHolder) certificates.readObject();
            this.key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) keys.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.cardKeys = new CardKeys(random);
    }

    /** A DER ir for this resident's next card key, signed with the municipality's credential. */
    byte[] ir(String residentCode) {
        try {
            KeyPair card = cardKeys.next();
            PublicKey cardPublic = card.getPublic();
            PrivateKey cardPrivate = card.getPrivate();
            JcaCertificateRequestMessageBuilder request = new JcaCertificateRequestMessageBuilder(BigInteger.ZERO);
            request.setPublicKey(cardPublic);
            request.setSubject(new X500NameBuilder().addRDN(BCStyle.SERIALNUMBER, residentCode).build());
            request.setProofOfPossessionSigningKeySigner(new JcaContentSignerBuilder("SHA256withRSA").build(cardPrivate));
            byte[] transactionId = new byte[16];
            byte[] nonce = new byte[16];
            random.nextBytes(transactionId);
            random.nextBytes(nonce);
            return new ProtectedPKIMessageBuilder(new GeneralName(certificate.getSubject()),
                    new GeneralName(new X500Name("CN=Shomei")))
                    .setTransactionID(transactionId)
                    .setSenderNonce(nonce)
                    .setMessageTime(new Date())
                    .addGeneralInfo(new InfoTypeAndValue(CARD_EXPIRES_ON, new ASN1Integer(20360510)))
                    .addGeneralInfo(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm))
                    .addCMPCertificate(certificate)
                    .setBody(new PKIBody(PKIBody.TYPE_INIT_REQ, new CertReqMessages(request.build().toASN1Structure())))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key))
                    .toASN1Structure().getEncoded();
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.crmf.CRMFException | org.bouncycastle.cert.cmp.CMPException e) {
            throw new IllegalStateException("cannot build an ir", e);
        }
    }
}
