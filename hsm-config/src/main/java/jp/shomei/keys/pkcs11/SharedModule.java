package jp.shomei.keys.pkcs11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shomei.keys.KeySourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * One loaded PKCS#11 library, shared by every key source and inventory in this JVM that names it.
 *
 * <p>Cryptoki is initialised once per process, not per caller: a second C_Initialize fails, and
 * one caller's C_Finalize closes every other caller's sessions. So the library is initialised once
 * here and finalised when its last user releases it.
 *
 * <p>Re-initialising is the only way to recover from some faults (SoftHSM, for one, keeps a
 * token whose directory vanished broken until C_Finalize) and the only way to see tokens created
 * by another process since. Each re-initialisation starts a new generation; users compare
 * generations to learn that their sessions are gone.
 */
final class SharedModule {

    private static final Logger LOG = LoggerFactory.getLogger(SharedModule.class);
    private static final Map<Path, SharedModule> LOADED = new HashMap<>();

    private final Path path;
    private final PKCS11Module module;
    private volatile long generation;
    private int users;

    private SharedModule(Path path, PKCS11Module module) {
        this.path = path;
        this.module = module;
    }

    /** The library at this path, loaded and initialised on first use; pair with {@link #release()}. */
    static SharedModule acquire(Path library) {
        Path path = library.toAbsolutePath().normalize();
        synchronized (SharedModule.class) {
            SharedModule shared = LOADED.get(path);
            if (shared == null) {
                shared = new SharedModule(path, load(path));
                LOADED.put(path, shared);
            }
            shared.users++;
            return shared;
        }
    }

    private static PKCS11Module load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new KeySourceException("PKCS#11 module " + path + " does not exist or is not a file");
        }
        WrapperLogging.install();
        try {
            PKCS11Module module = PKCS11Module.getInstance(path.toString());
            initialize(module, path);
            return module;
        } catch (IOException e) {
            throw new KeySourceException("Cannot load PKCS#11 module " + path + ": " + e.getMessage(), e);
        }
    }

    private static void initialize(PKCS11Module module, Path path) {
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new KeySourceException("Cannot initialise PKCS#11 module " + path + ": " + e.getErrorName(), e);
            }
        }
    }

    PKCS11Module module() {
        return module;
    }

    /** The token with this label, or an error that names the tokens present. */
    Token token(String tokenLabel) {
        List<String> present = new ArrayList<>();
        try {
            for (Slot slot : module.getSlotList(true)) {
                String label = slot.getToken().getTokenInfo().getLabel().trim();
                if (label.equals(tokenLabel)) {
                    return slot.getToken();
                }
                present.add(label);
            }
        } catch (PKCS11Exception e) {
            throw new KeySourceException("Cannot list the tokens of PKCS#11 module " + path + ": " + e.getErrorName(), e);
        }
        throw new KeySourceException("No token labelled '" + tokenLabel + "' in PKCS#11 module " + path
                + "; tokens present: " + present);
    }

    Path path() {
        return path;
    }

    long generation() {
        return generation;
    }

    /**
     * Finalises and initialises the library again, unless another user already did so since
     * {@code seenGeneration}: a burst of failing users re-initialises once, not once each.
     */
    void reinitialize(long seenGeneration) {
        synchronized (SharedModule.class) {
            if (seenGeneration != generation) {
                return;
            }
            LOG.warn("Re-initialising PKCS#11 module {}", path);
            try {
                module.finalize(null);
            } catch (PKCS11Exception e) {
                // A library that has lost its device may fail to finalise; initialising is what matters.
                LOG.warn("C_Finalize of {} failed: {}", path, e.getErrorName());
            }
            generation++;
            initialize(module, path);
        }
    }

    void release() {
        synchronized (SharedModule.class) {
            if (--users > 0) {
                return;
            }
            LOADED.remove(path);
            try {
                module.finalize(null);
            } catch (PKCS11Exception e) {
                LOG.warn("C_Finalize of {} failed: {}", path, e.getErrorName());
            }
        }
    }
}
