package jp.shomei.ocsp.status;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * The status of every certificate one CA generation issued, in about 40 bytes per certificate so that
 * hundreds of millions fit in memory: an open-addressing hash table over primitive arrays, keyed by
 * the serial (Shomei's serials are 127-bit, stored as two longs), each slot's state packed into one
 * long. A HashMap of objects would need four times as much.
 *
 * <p>One writer at a time (the loader, then the status-change feed); readers never block, they read
 * optimistically and retry if a write overlapped.
 */
public final class StatusTable {

    private static final int MAX_SERIAL_BITS = 127;
    private static final int INITIAL_CAPACITY = 1024;
    private static final RevocationReason[] REASONS = RevocationReason.values();
    private static final CertificateStatus[] STATUSES = CertificateStatus.values();

    private final StampedLock lock = new StampedLock();
    private volatile Slots slots = new Slots(new long[INITIAL_CAPACITY * 2], new long[INITIAL_CAPACITY]);
    private int size;

    /**
     * Kept together so that a reader racing a resize always sees a matching pair.
     *
     * @param serials two longs per slot: the high and low halves of the serial
     * @param states  one long per slot, 0 when empty: status ordinal + 1 (bits 0-1), reason ordinal + 1
     *                (bits 2-5), face-only authentication mode (bit 6), epoch second (bits 7-)
     */
    private record Slots(long[] serials, long[] states) {
    }

    /** Whether a serial could be in any table: positive and at most 127 bits, as Shomei issues them. */
    public static boolean isStorable(BigInteger serial) {
        return serial.signum() > 0 && serial.bitLength() <= MAX_SERIAL_BITS;
    }

    public Optional<CertState> find(BigInteger serial) {
        if (!isStorable(serial)) {
            return Optional.empty();
        }
        long high = serial.shiftRight(64).longValue();
        long low = serial.longValue();
        long stamp = lock.tryOptimisticRead();
        long state = lookup(high, low);
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                state = lookup(high, low);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return state == 0 ? Optional.empty() : Optional.of(unpack(state));
    }

    /** Records the state of a serial, adding it if new. */
    public void put(BigInteger serial, CertState state) {
        if (!isStorable(serial)) {
            throw new IllegalArgumentException("serial " + serial.toString(16) + " is not a positive 127-bit number");
        }
        long high = serial.shiftRight(64).longValue();
        long low = serial.longValue();
        long packed = pack(state);
        long stamp = lock.writeLock();
        try {
            if ((size + 1) * 4L > slots.states().length * 3L) {
                grow();
            }
            if (insert(slots.serials(), slots.states(), high, low, packed)) {
                size++;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public int size() {
        return size;
    }

    private long lookup(long high, long low) {
        Slots current = slots;
        long[] keys = current.serials();
        long[] values = current.states();
        // A slot half-written by a concurrent put is caught by the stamp; bound the probe in case of one.
        int mask = values.length - 1;
        for (int probe = 0, slot = slotOf(high, low, mask); probe <= mask; probe++, slot = (slot + 1) & mask) {
            long value = values[slot];
            if (value == 0) {
                return 0;
            }
            if (keys[2 * slot] == high && keys[2 * slot + 1] == low) {
                return value;
            }
        }
        return 0;
    }

    private static boolean insert(long[] keys, long[] values, long high, long low, long packed) {
        int mask = values.length - 1;
        for (int slot = slotOf(high, low, mask); ; slot = (slot + 1) & mask) {
            if (values[slot] == 0) {
                keys[2 * slot] = high;
                keys[2 * slot + 1] = low;
                values[slot] = packed;
                return true;
            }
            if (keys[2 * slot] == high && keys[2 * slot + 1] == low) {
                values[slot] = packed;
                return false;
            }
        }
    }

    private void grow() {
        long[] oldKeys = slots.serials();
        long[] oldValues = slots.states();
        long[] newKeys = new long[oldKeys.length * 2];
        long[] newValues = new long[oldValues.length * 2];
        for (int slot = 0; slot < oldValues.length; slot++) {
            if (oldValues[slot] != 0) {
                insert(newKeys, newValues, oldKeys[2 * slot], oldKeys[2 * slot + 1], oldValues[slot]);
            }
        }
        slots = new Slots(newKeys, newValues);
    }

    // Serials are random, but mix anyway so that sequential test serials spread too.
    private static int slotOf(long high, long low, int mask) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private static long pack(CertState state) {
        long reason = state.reason().map(r -> (long) r.ordinal() + 1).orElse(0L);
        long faceOnly = state.mode() == AuthenticationMode.FACE ? 1L : 0L;
        return (state.status().ordinal() + 1) | (reason << 2) | (faceOnly << 6) | (state.since().getEpochSecond() << 7);
    }

    private static CertState unpack(long packed) {
        CertificateStatus status = STATUSES[(int) (packed & 0x3) - 1];
        int reason = (int) ((packed >>> 2) & 0xF);
        return new CertState(status, reason == 0 ? Optional.empty() : Optional.of(REASONS[reason - 1]),
                Instant.ofEpochSecond(packed >>> 7),
                ((packed >>> 6) & 1) == 1 ? AuthenticationMode.FACE : AuthenticationMode.PIN);
    }
}
