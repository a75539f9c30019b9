package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.shomei.keys.KeySourceException;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.ModuleInfo;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * What a PKCS#11 module offers, for operators ({@code shomei hsm list}): its slots, their tokens,
 * each token's mechanisms and objects. Reads names, labels, ids and types only, never an
 * attribute that could hold a secret. Private objects are listed only on the token logged in to.
 */
public record Pkcs11Inventory(String library, String manufacturer, String libraryVersion, String cryptokiVersion,
                              List<SlotEntry> slots) {

    public record SlotEntry(long id, String description, Optional<TokenEntry> token) {
    }

    /** @param loggedIn whether private objects are included */
    public record TokenEntry(String label, String manufacturer, String model, String serialNumber, boolean loggedIn,
                             List<String> mechanisms, List<ObjectEntry> objects) {
    }

    /** @param keyType empty for objects that are not keys, such as certificates */
    public record ObjectEntry(String objectClass, Optional<String> keyType, String label, String idHex) {
    }

    private static final int MAX_OBJECTS = 10_000;

    /**
     * Reads the inventory of the module.
     *
     * @param loginToken the token to log in to with {@code pin}, if any, so that its private keys are listed
     * @param pin read but not kept; the caller wipes it
     */
    public static Pkcs11Inventory read(Path modulePath, Optional<String> loginToken, char[] pin) {
        SharedModule module = SharedModule.acquire(modulePath);
        try {
            ModuleInfo info = module.module().getInfo();
            List<SlotEntry> slots = new ArrayList<>();
            for (Slot slot : module.module().getSlotList(false)) {
                Optional<TokenEntry> token = slot.getSlotInfo().isTokenPresent()
                        ? Optional.of(token(slot.getToken(), loginToken, pin))
                        : Optional.empty();
                slots.add(new SlotEntry(slot.getSlotID(), slot.getSlotInfo().getSlotDescription().trim(), token));
            }
            return new Pkcs11Inventory(info.getLibraryDescription().trim(), info.getManufacturerID().trim(),
                    info.getLibraryVersion().toString(), info.getCryptokiVersion().toString(), slots);
        } catch (PKCS11Exception e) {
            throw new KeySourceException("Cannot read PKCS#11 module " + module.path() + ": " + e.getErrorName(), e);
        } catch (org.xipki.pkcs11.wrapper.TokenException e) {
            throw new KeySourceException("Cannot read PKCS#11 module " + module.path() + ": " + e.getMessage(), e);
        } finally {
            module.release();
        }
    }

    private static TokenEntry token(Token token, Optional<String> loginToken, char[] pin) throws PKCS11Exception {
        TokenInfo info = token.getTokenInfo();
        String label = info.getLabel().trim();
        List<String> mechanisms = new ArrayList<>();
        for (long mechanism : token.getMechanismList()) {
            mechanisms.add(ckmCodeToName(mechanism));
        }
        if (!info.isTokenInitialized()) {
            return new TokenEntry(label, info.getManufacturerID().trim(), info.getModel().trim(),
                    info.getSerialNumber().trim(), false, mechanisms, List.of());
        }
        Session session = token.openSession(false);
        try {
            boolean loggedIn = loginToken.filter(label::equals).isPresent() && login(session, label, pin);
            List<ObjectEntry> objects = new ArrayList<>();
            for (long handle : session.findObjectsSingle(new AttributeVector(), MAX_OBJECTS)) {
                AttributeVector attributes = session.getAttrValues(handle, CKA_CLASS, CKA_KEY_TYPE, CKA_LABEL, CKA_ID);
                objects.add(new ObjectEntry(ckoCodeToName(attributes.class_()),
                        Optional.ofNullable(attributes.keyType()).map(type -> ckkCodeToName(type)),
                        Optional.ofNullable(attributes.label()).orElse(""),
                        Optional.ofNullable(attributes.id()).map(HexFormat.of()::formatHex).orElse("")));
            }
            return new TokenEntry(label, info.getManufacturerID().trim(), info.getModel().trim(),
                    info.getSerialNumber().trim(), loggedIn, mechanisms, objects);
        } finally {
            session.closeSession();
        }
    }

    private static boolean login(Session session, String label, char[] pin) throws PKCS11Exception {
        try {
            session.login(CKU_USER, pin);
            return true;
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() == CKR_USER_ALREADY_LOGGED_IN) {
                return true;
            }
            if (Pkcs11Faults.isPinRejected(e)) {
                throw new KeySourceException("PKCS#11 token '" + label + "' rejected the user PIN (" + e.getErrorName() + ")", e);
            }
            throw e;
        }
    }
}
