package jp.shomei.app.crash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the municipal clients were told: every certificate they received (a 201) and the last status
 * change the server acknowledged for it, plus the change still in flight when the server died, whose
 * outcome nobody knows. Each certificate is driven by one client thread only, so "last acknowledged"
 * is well defined.
 */
final class ClientLedger {

    /** A status as the store records it, with its revocation reason (null when good). */
    record Status(String status, String reason) {
        static final Status GOOD = new Status("GOOD", null);
    }

    /** One certificate a client received, its acknowledged status, and the change in flight, if any. */
    record Received(BigInteger serial, byte[] der, Status acknowledged, Optional<Status> inFlight) {
    }

    private final Map<BigInteger, Received> received = new ConcurrentHashMap<>();
    private final List<BigInteger> servedTwice = java.util.Collections.synchronizedList(new ArrayList<>());

    void issued(BigInteger serial, byte[] der) {
        if (received.putIfAbsent(serial, new Received(serial, der, Status.GOOD, Optional.empty())) != null) {
            servedTwice.add(serial);
        }
    }

    void sending(BigInteger serial, Status change) {
        received.computeIfPresent(serial, (key, old) -> new Received(key, old.der(), old.acknowledged(), Optional.of(change)));
    }

    void acknowledged(BigInteger serial, Status change) {
        received.computeIfPresent(serial, (key, old) -> new Received(key, old.der(), change, Optional.empty()));
    }

    Map<BigInteger, Received> received() {
        return Map.copyOf(received);
    }

    List<BigInteger> servedTwice() {
        return List.copyOf(servedTwice);
    }

    int size() {
        return received.size();
    }
}
