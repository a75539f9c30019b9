package jp.shomei.ca.cmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.MunicipalIdentity;
import jp.shomei.ca.lifecycle.Actor;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Who sent a CMP request: the municipality, or the call centre, whose client credential, issued by
 * the operations CA, signed the message (RFC 9483 §3.2). It is the same credential the JSON API's TLS
 * clients present, and names its holder the same way (see {@link MunicipalIdentity}). The signature is what
 * authenticates, not the TLS connection, so that a message stays attributable however it travelled.
 */
final class SenderAuthentication {

    private static final int MAX_REMEMBERED_CREDENTIALS = 10_000;

    private final X509CertificateHolder operationsCa;
    private final ContentVerifierProvider operationsCaVerifier;
    private final Clock clock;
    /**
     * Municipal credentials whose issuer signature has verified. A handful of municipal systems send
     * every message, so this spares one signature verification per message; bounded all the same.
     */
    private final Set<ByteBuffer> issuedCredentials = ConcurrentHashMap.newKeySet();

    SenderAuthentication(X509CertificateHolder operationsCa, Clock clock) {
        this.operationsCa = operationsCa;
        this.clock = clock;
        try {
            this.operationsCaVerifier = new JcaContentVerifierProviderBuilder().build(operationsCa);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("the operations CA certificate cannot verify signatures", e);
        }
    }

    /** Who signed the message; a {@link CmpFailure} when the protection does not prove a municipality or the call centre. */
    Actor authenticate(PKIMessage message) {
        GeneralPKIMessage general = new GeneralPKIMessage(message);
        if (!general.hasProtection()) {
            throw CmpFailure.badMessageCheck("the message is not protected; sign it with the municipality's client credential");
        }
        ProtectedPKIMessage protectedMessage = new ProtectedPKIMessage(general);
        if (protectedMessage.hasPasswordBasedMacProtection()) {
            throw CmpFailure.badMessageCheck("MAC-based protection is not accepted; sign the message with the "
                    + "municipality's client credential");
        }
        X509CertificateHolder[] certificates = protectedMessage.getCertificates();
        if (certificates.length == 0) {
            throw CmpFailure.badMessageCheck("extraCerts must begin with the certificate that signed the message");
        }
        X509CertificateHolder signer = certificates[0];
        requireIssuedByOperationsCa(signer);
        requireNamedAsSender(message.getHeader(), signer);
        if (!verifies(protectedMessage, signer)) {
            throw CmpFailure.badMessageCheck("the protection signature does not verify with the certificate "
                    + signer.getSubject());
        }
        try {
            return withProtocol(MunicipalIdentity.of(x509(signer)));
        } catch (RefusedException refusal) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, refusal.detail());
        }
    }

    /** The audit log records that the change came through CMP; what the actor may do stays with its role. */
    private static Actor withProtocol(Actor actor) {
        return new Actor(actor.municipalityCode(), actor.name() + " via CMP", actor.role());
    }

    private void requireIssuedByOperationsCa(X509CertificateHolder signer) {
        if (!issuedByOperationsCa(signer)) {
            throw CmpFailure.badMessageCheck("the signer's certificate " + signer.getSubject()
                    + " is not a municipal credential issued by the operations CA");
        }
        if (!signer.isValidOn(Date.from(clock.instant()))) {
            throw CmpFailure.badMessageCheck("the signer's certificate " + signer.getSubject() + " is not valid now");
        }
        KeyUsage usage = KeyUsage.fromExtensions(signer.getExtensions());
        if (usage != null && !usage.hasUsages(KeyUsage.digitalSignature)) {
            throw CmpFailure.badMessageCheck("the signer's certificate does not allow digitalSignature");
        }
    }

    private boolean issuedByOperationsCa(X509CertificateHolder signer) {
        ByteBuffer encoded;
        try {
            encoded = ByteBuffer.wrap(signer.getEncoded());
        } catch (IOException e) {
            return false;
        }
        if (issuedCredentials.contains(encoded)) {
            return true;
        }
        boolean issued;
        try {
            issued = signer.getIssuer().equals(operationsCa.getSubject()) && signer.isSignatureValid(operationsCaVerifier);
        } catch (CertException | RuntimeException e) {
            issued = false;
        }
        if (issued) {
            if (issuedCredentials.size() >= MAX_REMEMBERED_CREDENTIALS) {
                issuedCredentials.clear();
            }
            issuedCredentials.add(encoded);
        }
        return issued;
    }

    /** RFC 4210 §5.1.1: the sender names the signer, and a senderKID, when given, is its key identifier. */
    private static void requireNamedAsSender(PKIHeader header, X509CertificateHolder signer) {
        GeneralName sender = header.getSender();
        if (sender.getTagNo() != GeneralName.directoryName
                || !X500Name.getInstance(sender.getName()).equals(signer.getSubject())) {
            throw CmpFailure.badMessageCheck("the header's sender " + sender.getName()
                    + " is not the subject of the signing certificate " + signer.getSubject());
        }
        ASN1OctetString senderKid = header.getSenderKID();
        SubjectKeyIdentifier keyId = SubjectKeyIdentifier.fromExtensions(signer.getExtensions());
        if (senderKid != null && keyId != null && !Arrays.equals(senderKid.getOctets(), keyId.getKeyIdentifier())) {
            throw CmpFailure.badMessageCheck("the senderKID is not the signing certificate's key identifier");
        }
    }

    private static boolean verifies(ProtectedPKIMessage message, X509CertificateHolder signer) {
        try {
            return message.verify(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(signer));
        } catch (CMPException | OperatorCreationException | CertificateException | RuntimeException e) {
            return false;
        }
    }

    private static X509Certificate x509(X509CertificateHolder certificate) {
        try {
            return new JcaX509CertificateConverter().getCertificate(certificate);
        } catch (CertificateException e) {
            throw CmpFailure.badMessageCheck("the signer's certificate cannot be read: " + e.getMessage());
        }
    }
}
