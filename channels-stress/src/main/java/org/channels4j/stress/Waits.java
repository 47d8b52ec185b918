package org.channels4j.stress;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Bounds and pacing for the waits inside stress tests. */
public final class Waits {
    /**
     * How long a test waits for something the property guarantees will happen before it
     * reports it as never happening: far beyond any scheduling delay, so a timeout is a bug.
     */
    public static final Duration LIVENESS = Duration.ofSeconds(10);

    /**
     * A timeout short enough to race the operation it bounds: timed operations with it end
     * both ways in one run, by partner and by deadline.
     */
    public static final Duration RACE = Duration.ofNanos(50_000);

    /**
     * The result code of a timed operation that ran into its {@link #LIVENESS} bound. It may
     * still have succeeded: a waiter whose wake-up was lost sleeps until its deadline, then
     * tries once more and finds what it was waiting for. So a result that took the whole bound
     * is reported as this code, never as a success: otherwise the bound would hide the very
     * bug it is there to catch.
     */
    public static final int LATE = -4;

    private static final long LIVENESS_NANOS = LIVENESS.toNanos();

    private Waits() {
    }

    /**
     * Whether an operation started at {@code start} (a {@link System#nanoTime()}) and bounded
     * by {@code timeout} ran into a {@link #LIVENESS}-sized bound; shorter timeouts are part of
     * the race under test and never count as late.
     */
    public static boolean late(long start, Duration timeout) {
        return timeout.toNanos() >= LIVENESS_NANOS && System.nanoTime() - start >= LIVENESS_NANOS;
    }

    /**
     * Busy-waits for {@code condition}, giving up after {@link #LIVENESS}.
     *
     * @return whether the condition came true
     */
    public static boolean until(BooleanSupplier condition) {
        final long start = System.nanoTime();
        for (int spins = 0; !condition.getAsBoolean(); spins++) {
            if (spins < 64) {
                Thread.onSpinWait();
                continue;
            }
            // Two CPUs, two actors and often a virtual thread: the awaited thread may need
            // this CPU, so stop burning it.
            Thread.yield();
            if ((spins & 0xff) == 0 && System.nanoTime() - start > LIVENESS_NANOS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until {@code thread} is parked (WAITING or TIMED_WAITING), giving up after
     * {@link #LIVENESS}: how a test knows a blocked operation has registered and re-checked.
     */
    public static boolean untilParked(Thread thread) {
        return until(() -> {
            final Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
    }

    /** Spins for a random time up to {@code maxNanos}, to spread one side of a race. */
    public static void jitter(long maxNanos) {
        final long end = System.nanoTime() + ThreadLocalRandom.current().nextLong(maxNanos + 1);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * The pause a Termination-mode signal takes after the actor was released: half the time
     * up to 2 microseconds, where the actor is registering and re-checking, otherwise up to
     * 20, where it is parking or parked.
     */
    public static void jitter() {
        jitter(ThreadLocalRandom.current().nextBoolean() ? 2_000 : 20_000);
    }
}
