package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256;

import jp.shomei.keys.SignatureAlgorithm;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

/**
 * The PKCS#11 mechanism that signs what each {@link SignatureAlgorithm} hands the key holder. All
 * three take a digest made outside the token, so the content never has to stream through the HSM.
 */
final class SigningMechanisms {

    private SigningMechanisms() {
    }

    static Mechanism of(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256_WITH_RSA -> new Mechanism(CKM_RSA_PKCS);
            case SHA256_WITH_RSA_PSS -> new Mechanism(CKM_RSA_PKCS_PSS,
                    new RSA_PKCS_PSS_PARAMS(CKM_SHA256, CKG_MGF1_SHA256, SignatureAlgorithm.PSS_SALT_BYTES));
            case SHA256_WITH_ECDSA -> new Mechanism(CKM_ECDSA);
        };
    }
}
