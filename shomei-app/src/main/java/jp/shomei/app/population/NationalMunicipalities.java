package jp.shomei.app.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import jp.shomei.ca.resident.Municipality;

/**
 * All 1,741 municipalities of the country with how many people live in each. The store seeds a few
 * dozen real ones; the rest are synthetic, with well-formed local government codes (prefecture
 * number, three digits, check digit), names in the style of real ones, and sizes that follow a
 * Zipf-Mandelbrot law, weight 1/(rank + 5), which puts the largest near Yokohama's 3.7 million and
 * the median near 25,000 for 125 million people. Always the same municipalities, whatever the seed
 * of the population, so that populations generated into one store agree on them.
 */
final class NationalMunicipalities {

    static final int COUNT = 1_741;
    static final long NATIONAL_POPULATION = 125_000_000L;

    private static final long LAYOUT_SEED = 1_741L;
    private static final int RANK_OFFSET = 5;
    /** Japan has 792 cities (with the 23 wards, 815), 743 towns and 183 villages. */
    private static final int LAST_CITY = 815;
    private static final int LAST_TOWN = 1_558;

    private static final String[][] PREFECTURES = {
            {"北海道", "Hokkaido"}, {"青森県", "Aomori-ken"}, {"岩手県", "Iwate-ken"}, {"宮城県", "Miyagi-ken"},
            {"秋田県", "Akita-ken"}, {"山形県", "Yamagata-ken"}, {"福島県", "Fukushima-ken"}, {"茨城県", "Ibaraki-ken"},
            {"栃木県", "Tochigi-ken"}, {"群馬県", "Gunma-ken"}, {"埼玉県", "Saitama-ken"}, {"千葉県", "Chiba-ken"},
            {"東京都", "Tokyo-to"}, {"神奈川県", "Kanagawa-ken"}, {"新潟県", "Niigata-ken"}, {"富山県", "Toyama-ken"},
            {"石川県", "Ishikawa-ken"}, {"福井県", "Fukui-ken"}, {"山梨県", "Yamanashi-ken"}, {"長野県", "Nagano-ken"},
            {"岐阜県", "Gifu-ken"}, {"静岡県", "Shizuoka-ken"}, {"愛知県", "Aichi-ken"}, {"三重県", "Mie-ken"},
            {"滋賀県", "Shiga-ken"}, {"京都府", "Kyoto-fu"}, {"大阪府", "Osaka-fu"}, {"兵庫県", "Hyogo-ken"},
            {"奈良県", "Nara-ken"}, {"和歌山県", "Wakayama-ken"}, {"鳥取県", "Tottori-ken"}, {"島根県", "Shimane-ken"},
            {"岡山県", "Okayama-ken"}, {"広島県", "Hiroshima-ken"}, {"山口県", "Yamaguchi-ken"},
            {"徳島県", "Tokushima-ken"}, {"香川県", "Kagawa-ken"}, {"愛媛県", "Ehime-ken"}, {"高知県", "Kochi-ken"},
            {"福岡県", "Fukuoka-ken"}, {"佐賀県", "Saga-ken"}, {"長崎県", "Nagasaki-ken"}, {"熊本県", "Kumamoto-ken"},
            {"大分県", "Oita-ken"}, {"宮崎県", "Miyazaki-ken"}, {"鹿児島県", "Kagoshima-ken"}, {"沖縄県", "Okinawa-ken"}};

    /** Characters common in place names, with their readings. */
    private static final String[][] NAME_PARTS = {
            {"山", "yama"}, {"川", "kawa"}, {"田", "ta"}, {"中", "naka"}, {"北", "kita"}, {"南", "minami"},
            {"東", "higashi"}, {"西", "nishi"}, {"大", "o"}, {"小", "ko"}, {"本", "moto"}, {"松", "matsu"},
            {"原", "hara"}, {"島", "shima"}, {"野", "no"}, {"宮", "miya"}, {"高", "taka"}, {"石", "ishi"},
            {"岡", "oka"}, {"森", "mori"}, {"井", "i"}, {"沢", "sawa"}, {"浜", "hama"}, {"津", "tsu"}};

    private final List<Municipality> municipalities;
    private final double[] cumulativeWeights;

    private NationalMunicipalities(List<Municipality> municipalities, double[] cumulativeWeights) {
        this.municipalities = municipalities;
        this.cumulativeWeights = cumulativeWeights;
    }

    /**
     * The municipalities the store knows, completed with synthetic ones up to {@link #COUNT}. Ranks
     * by size follow the kind of municipality the code names (designated cities and Tokyo's wards,
     * x1xxx; cities, x2xx; towns, 3xx-5xx; villages, 6xx-7xx), then a hash of the code, so the same
     * set always gets the same ranks: a second run over a completed store sees the first run's layout.
     */
    static NationalMunicipalities completing(List<Municipality> known) {
        Random layout = new Random(LAYOUT_SEED);
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Municipality municipality : known) {
            codes.add(municipality.code());
            names.add(municipality.nameRomaji());
        }
        List<Municipality> all = new ArrayList<>(known);
        while (all.size() < COUNT) {
            all.add(synthetic(all.size() + 1, layout, codes, names));
        }
        all.sort(Comparator.comparingInt((Municipality m) -> sizeClass(m.code()))
                .thenComparingInt(m -> new SplittableRandom(m.code().hashCode()).nextInt()));
        double[] cumulative = new double[all.size()];
        double total = 0;
        for (int rank = 1; rank <= all.size(); rank++) {
            total += 1.0 / (rank + RANK_OFFSET);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        return new NationalMunicipalities(List.copyOf(all), cumulative);
    }

    /** Every municipality, largest first. */
    List<Municipality> all() {
        return municipalities;
    }

    /** The municipality a randomly chosen person lives in: larger ones more often, by their size. */
    Municipality pick(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulativeWeights, random.nextDouble());
        return municipalities.get(Math.min(index < 0 ? -index - 1 : index, municipalities.size() - 1));
    }

    /** How many of the nation's people live in the municipality at this rank (1 = largest). */
    long nationalSize(int rank) {
        double share = cumulativeWeights[rank - 1] - (rank == 1 ? 0 : cumulativeWeights[rank - 2]);
        return Math.round(share * NATIONAL_POPULATION);
    }

    /** The n-th municipality of the country that the store did not already know. */
    private static Municipality synthetic(int number, Random layout, Set<String> codes, Set<String> names) {
        int prefecture = layout.nextInt(PREFECTURES.length);
        // name suffix, its romaji, and the range of the code's three middle digits, as for real ones
        String[] kind = number <= LAST_CITY ? new String[] {"市", "-shi", "201", "299"}
                : number <= LAST_TOWN ? new String[] {"町", "-machi", "301", "599"}
                : new String[] {"村", "-mura", "601", "799"};
        int lowest = Integer.parseInt(kind[2]);
        int highest = Integer.parseInt(kind[3]);
        String code;
        do {
            code = withCheckDigit(String.format("%02d%03d", prefecture + 1, lowest + layout.nextInt(highest - lowest + 1)));
        } while (!codes.add(code));
        String kanji;
        String romaji;
        do {
            StringBuilder k = new StringBuilder();
            StringBuilder r = new StringBuilder();
            int parts = 2 + layout.nextInt(2);
            for (int i = 0; i < parts; i++) {
                String[] part = NAME_PARTS[layout.nextInt(NAME_PARTS.length)];
                k.append(part[0]);
                r.append(part[1]);
            }
            kanji = k + kind[0];
            romaji = Character.toUpperCase(r.charAt(0)) + r.substring(1) + kind[1];
        } while (!names.add(romaji));
        return new Municipality(code, PREFECTURES[prefecture][0], kanji, PREFECTURES[prefecture][1], romaji);
    }

    /** 0 for designated cities and wards, 1 cities, 2 towns, 3 villages: larger first. */
    private static int sizeClass(String code) {
        int number = Integer.parseInt(code.substring(2, 5));
        return number < 200 ? 0 : number < 300 ? 1 : number < 600 ? 2 : 3;
    }

    /** Appends the check digit of a five-digit local government code (weights 6 to 2, modulus 11). */
    static String withCheckDigit(String fiveDigits) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * (6 - i);
        }
        return fiveDigits + (11 - sum % 11) % 10;
    }
}
