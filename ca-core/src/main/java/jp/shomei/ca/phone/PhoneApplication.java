package jp.shomei.ca.phone;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An application for smartphone certificates whose CMS signature has verified: the resident, the
 * phone, the two keys the phone's secure element made, and the card signing certificate that signed
 * the application. Whether that certificate is Shomei's, good and the resident's own is for the
 * lifecycle to decide against the store.
 *
 * @param deviceId an identifier of the handset as its keystore reports it; a new identifier means a new phone
 */
public record PhoneApplication(String residentCode, String deviceId, SubjectPublicKeyInfo signingKey,
                               SubjectPublicKeyInfo authenticationKey, X509CertificateHolder signer) {
}
