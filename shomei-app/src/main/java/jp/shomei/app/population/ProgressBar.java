package jp.shomei.app.population;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress bar for a terminal, redrawn when a batch is committed, at most once a second
 * and always for the last one: share done, residents stored, certificates issued by this run, their
 * rate, and the time left at the rate of this run so far.
 */
public final class ProgressBar implements PopulationGenerator.Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private long total;
    private long alreadyStored;
    private long started;
    private long lastDrawn;
    private boolean ended;

    public ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void starting(PopulationPlan plan, long residentsAlreadyStored) {
        total = plan.residents();
        alreadyStored = residentsAlreadyStored;
        started = System.nanoTime();
        if (residentsAlreadyStored > 0) {
            out.printf("resuming: %,d of %,d residents were stored by an earlier run%n", residentsAlreadyStored, total);
        }
        draw(residentsAlreadyStored, GenerationTally.NONE);
    }

    @Override
    public void batchStored(long residentsDone, GenerationTally thisRunSoFar) {
        if (residentsDone == total && !ended) {
            ended = true;
            draw(residentsDone, thisRunSoFar);
            out.println();
            out.flush();
        } else if (System.nanoTime() - lastDrawn > REDRAW_NANOS) {
            draw(residentsDone, thisRunSoFar);
        }
    }

    private void draw(long stored, GenerationTally thisRun) {
        lastDrawn = System.nanoTime();
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double residentsPerSecond = (stored - alreadyStored) / seconds;
        int filled = (int) (WIDTH * stored / total);
        String eta = residentsPerSecond > 0
                ? format(Duration.ofSeconds(Math.round((total - stored) / residentsPerSecond))) : "--:--:--";
        out.printf("\r[%s%s] %5.1f%%  %,d/%,d residents  %,d certificates  %,.0f cert/s  ETA %s ",
                "#".repeat(filled), "-".repeat(WIDTH - filled), 100.0 * stored / total, stored, total,
                thisRun.certificates(), thisRun.certificates() / seconds, eta);
        out.flush();
    }

    private static String format(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}
