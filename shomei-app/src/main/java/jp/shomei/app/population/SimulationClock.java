package jp.shomei.app.population;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the generated population lives by: the generator sets it to each simulated event before
 * handing the event to the CA, so every certificate, status change and audit entry carries the
 * simulated time rather than the time the generator happened to run.
 */
final class SimulationClock extends Clock {

    private volatile Instant now;

    SimulationClock(Instant start) {
        this.now = start;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulation runs on UTC instants");
    }
}
