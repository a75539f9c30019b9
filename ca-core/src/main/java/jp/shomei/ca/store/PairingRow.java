package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.linkage.Pairing;

/**
 * One signing-to-authentication pair. The table's key is both serials; the mapping names only the
 * signing serial as its id because rows are only ever inserted and found by either serial.
 */
@MappedEntity("certificate_pairing")
record PairingRow(@Id String signingSerial, String authenticationSerial, Instant linkedAt) {

    static PairingRow of(Pairing pairing) {
        return new PairingRow(Serials.toHex(pairing.signing()), Serials.toHex(pairing.authentication()),
                pairing.linkedAt());
    }

    Pairing toPairing() {
        return new Pairing(Serials.parseHex(signingSerial), Serials.parseHex(authenticationSerial), linkedAt);
    }
}
