package jp.shomei.app.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import jp.shomei.ca.resident.Municipality;
import org.junit.jupiter.api.Test;

/** The country's 1,741 municipalities: valid codes, the shape of Japan's sizes, the same layout every time. */
class NationalMunicipalitiesTest {

    private static final List<Municipality> SEEDED = List.of(
            new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku"),
            new Municipality("141003", "神奈川県", "横浜市", "Kanagawa-ken", "Yokohama-shi"));

    private final NationalMunicipalities national = NationalMunicipalities.completing(SEEDED);

    @Test
    void completesTheKnownOnesToAllMunicipalitiesWithDistinctValidCodes() {
        assertThat(national.all()).hasSize(NationalMunicipalities.COUNT).containsAll(SEEDED);
        assertThat(national.all().stream().map(Municipality::code).distinct()).hasSize(NationalMunicipalities.COUNT);
        assertThat(national.all().stream().map(Municipality::nameRomaji).distinct()).hasSize(NationalMunicipalities.COUNT);
        assertThat(national.all()).allSatisfy(m -> assertThat(Municipality.isValidCode(m.code())).isTrue());
        assertThat(NationalMunicipalities.withCheckDigit("13101")).isEqualTo("131016");
        assertThat(national.all().stream().filter(m -> m.nameRomaji().endsWith("-mura")).count())
                .isEqualTo(NationalMunicipalities.COUNT - 1_558);
    }

    @Test
    void sizesSumToTheNationWithTheLargestNearYokohamaAndTheMedianNearTwentyFiveThousand() {
        long[] sizes = LongStream.rangeClosed(1, NationalMunicipalities.COUNT).map(r -> national.nationalSize((int) r))
                .toArray();
        assertThat(LongStream.of(sizes).sum()).isBetween(124_999_000L, 125_001_000L);
        assertThat(sizes[0]).isBetween(3_000_000L, 4_000_000L);
        assertThat(sizes[NationalMunicipalities.COUNT / 2]).isBetween(20_000L, 30_000L);
        assertThat(sizes[NationalMunicipalities.COUNT - 1]).isLessThan(15_000L);
    }

    @Test
    void aCompletedStoreGetsTheSameLayoutAsTheFirstRunAndResidentsFollowTheSizes() {
        List<Municipality> storedInAnotherOrder = new ArrayList<>(national.all());
        Collections.reverse(storedInAnotherOrder);
        NationalMunicipalities again = NationalMunicipalities.completing(storedInAnotherOrder);
        assertThat(again.all()).isEqualTo(national.all());
        SplittableRandom random = new SplittableRandom(1);
        long inLargest = LongStream.range(0, 100_000).filter(i -> national.pick(random).equals(national.all().get(0))).count();
        assertThat(inLargest).as("3.6 million of 125 million is 2.9 %").isBetween(2_500L, 3_300L);
    }
}
