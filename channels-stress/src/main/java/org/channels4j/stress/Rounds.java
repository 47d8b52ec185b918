package org.channels4j.stress;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Many staged races per {@code Mode.Termination} sample. jcstress starts a thread, sleeps at
 * least a millisecond and joins it for every Termination sample, so a short run gets only a
 * handful of samples; a test that races once per sample would hardly race at all. Instead the
 * actor and the signal play {@link #COUNT} rounds: in each, the actor waits until the signal
 * has begun the round, then blocks; the signal pauses for a random time from nothing to a few
 * microseconds so that its action lands before, inside or after the actor's attempt,
 * register, re-check and park, acts, and waits for the actor to finish the round. A lost
 * wake-up in any round leaves the actor blocked, which jcstress reports as {@code STALE}.
 */
public final class Rounds {
    /** Rounds per sample. */
    public static final int COUNT = 200;

    private volatile int begun;
    private volatile int finished;

    /**
     * Actor: waits until the signal has begun {@code round} (counted from 1), then pauses a
     * random few spins, so that the two sides' offsets vary by less than the signal's
     * shortest pause.
     */
    public void awaitBegun(int round) {
        while (begun < round) {
            Thread.onSpinWait();
        }
        for (int i = ThreadLocalRandom.current().nextInt(8); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /** Actor: reports {@code round} done. */
    public void finished(int round) {
        finished = round;
    }

    /**
     * Signal: begins {@code round}, then pauses: a third of the rounds not at all (the actor
     * is then still attempting or registering when the signal acts), the rest a random time
     * up to 2 or up to 20 microseconds ({@link Waits#jitter()}).
     */
    public void begin(int round) {
        begun = round;
        if (ThreadLocalRandom.current().nextInt(3) != 0) {
            Waits.jitter();
        }
    }

    /**
     * Signal: waits for the actor to finish {@code round}.
     *
     * @return false if it did not within {@link Waits#LIVENESS}: the signal should stop and
     *         leave the stuck actor for jcstress to report
     */
    public boolean awaitFinished(int round) {
        return Waits.until(() -> finished >= round);
    }
}
