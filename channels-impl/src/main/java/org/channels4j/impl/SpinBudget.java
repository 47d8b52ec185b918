package org.channels4j.impl;

/**
 * How long a thread about to block on a channel polls before it parks.
 *
 * <p><b>Platform threads</b> spin for a budget that adapts to what spinning has been buying on
 * that channel: doubled when a wait ended while spinning, halved when it had to park anyway,
 * between {@link #MIN_SPINS} and {@link #MAX_SPINS}; zero on a single CPU, where spinning only
 * delays the thread that would end the wait. The budget is a plain field updated racily on
 * purpose: a lost update only mistunes a heuristic, and a shared atomic would put a contended
 * cache line on the blocking path.
 *
 * <p><b>Virtual threads</b> do not spin. When a virtual thread unparks another, JDK 25 queues
 * the woken thread on the waker's carrier; if the waker then spins, the partner it is waiting
 * for cannot run on that carrier, and runs only once another carrier wakes up and steals it.
 * JDK 25's {@code SynchronousQueue} avoids this by spinning only while the carrier has no
 * queued work, a test that is not public API. Parking at once hands the carrier to the woken
 * partner, as Go's scheduler does with {@code runnext}.
 */
final class SpinBudget {
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
    private static final int MIN_SPINS = MAX_SPINS == 0 ? 0 : 1 << 4;

    private int spins = MAX_SPINS >> 2;

    /** The polls {@code thread} should make before it parks; {@code budget} may be null. */
    static int spinsFor(SpinBudget budget, Thread thread) {
        if (budget == null) {
            return 0;
        }
        return thread.isVirtual() ? 0 : budget.spins;
    }

    int spins() {
        return spins;
    }

    void record(boolean satisfiedWhileSpinning) {
        final int s = spins;
        final int next = satisfiedWhileSpinning ? Math.min(MAX_SPINS, (s << 1) | MIN_SPINS) : Math.max(MIN_SPINS, s >> 1);
        if (next != s) {
            spins = next; // write only on change: at either bound the line stays shared-clean
        }
    }
}
