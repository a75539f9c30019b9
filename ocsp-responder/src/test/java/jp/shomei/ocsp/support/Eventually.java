package jp.shomei.ocsp.support;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until an outcome satisfies a condition; a functional deadline, generous, not a performance goal. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T within(Duration deadline, Supplier<T> observe, Predicate<T> until) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = observe.get();
        while (!until.test(last)) {
            if (System.nanoTime() > end) {
                return fail("not seen within %s; last observed:%n%s", deadline, last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
            last = observe.get();
        }
        return last;
    }
}
