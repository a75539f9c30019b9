package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.linkage.Succession;
import jp.shomei.ca.linkage.SuccessionKind;

@MappedEntity("certificate_succession")
record SuccessionRow(@Id String predecessorSerial, String successorSerial, SuccessionKind kind, Instant linkedAt) {

    static SuccessionRow of(Succession succession) {
        return new SuccessionRow(Serials.toHex(succession.predecessor()), Serials.toHex(succession.successor()),
                succession.kind(), succession.linkedAt());
    }

    Succession toSuccession() {
        return new Succession(Serials.parseHex(predecessorSerial), Serials.parseHex(successorSerial), kind, linkedAt);
    }
}
