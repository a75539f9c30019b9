package jp.shomei.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import org.junit.jupiter.api.Test;

class StoreSmokeTest {

    @Test
    void roundTrips() {
        try (Store store = Store.open(DatabaseConfig.inMemory("smoke"))) {
            Resident r = new Resident("12345678901", "131016", new BasicFour(FlaggedText.unsubstituted("山田　太郎"),
                    LocalDate.of(1990, 1, 2), Sex.MALE, FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty());
            store.write(tx -> { tx.insertResident(r, Instant.now()); return null; });
            Optional<Resident> read = store.read(tx -> tx.resident("12345678901"));
            assertThat(read).contains(r);
            Optional<Resident> locked = store.write(tx -> tx.lockResident("12345678901"));
            assertThat(locked).contains(r);
            long seq = store.write(tx -> tx.nextCommonNameSequence());
            assertThat(seq).isEqualTo(1);
            long audit = store.write(tx -> tx.appendAudit(Instant.now(), "a", "b", Optional.empty(), Optional.empty(), "d").sequence());
            assertThat(audit).isEqualTo(1);
            assertThat(store.read(tx -> tx.municipality("131016")).isPresent()).isTrue();
        }
    }
}
