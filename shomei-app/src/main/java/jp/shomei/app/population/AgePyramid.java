package jp.shomei.app.population;

import java.util.SplittableRandom;

/**
 * Japan's population by age and the chance of dying within a year at each age, coarse but of the
 * right shape: the 2023 estimates by five-year group (in hundred thousands), and a Gompertz curve
 * fitted so that about 1.3% of this population dies each year, as in Japan (1.57 million deaths in 2023).
 */
final class AgePyramid {

    /** People per five-year age group, 0-4 up to 100-104, in hundred thousands. */
    private static final int[] FIVE_YEAR_GROUPS = {
            42, 49, 53, 55, 62, 64, 65, 73, 81, 96, 91, 79, 74, 76, 93, 70, 59, 38, 17, 5, 1};
    private static final int TOTAL = sum(FIVE_YEAR_GROUPS);
    private static final double MORTALITY_SCALE = 1.3e-5;
    private static final double MORTALITY_GROWTH = 0.1;

    private AgePyramid() {
    }

    /** An age in whole years drawn from the pyramid. */
    static int sampleAge(SplittableRandom random) {
        int pick = random.nextInt(TOTAL);
        for (int group = 0; group < FIVE_YEAR_GROUPS.length; group++) {
            pick -= FIVE_YEAR_GROUPS[group];
            if (pick < 0) {
                return group * 5 + random.nextInt(5);
            }
        }
        throw new AssertionError("the draw is below the total");
    }

    /** The probability of dying within the coming year at this age. */
    static double annualMortality(int age) {
        return Math.min(1.0, MORTALITY_SCALE * Math.exp(MORTALITY_GROWTH * (age + 0.5)));
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
