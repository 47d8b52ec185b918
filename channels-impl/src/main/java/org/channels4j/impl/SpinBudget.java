package org.channels4j.impl;

/**
 * How long a thread about to block on a channel spins before it parks, adapted to
 * what spinning has been buying on that channel: doubled when a wait ended while spinning,
 * halved when it had to park anyway. Bounded by {@link #MAX_SPINS}; zero on a single CPU,
 * where spinning only delays the thread that would end the wait. Platform and virtual threads
 * share it (see {@link Waiter}).
 *
 * <p>The budget is a plain field updated racily on purpose: a lost update only mistunes a
 * heuristic, and a shared atomic would put a contended cache line on the blocking path.
 */
final class SpinBudget {
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
    private static final int MIN_SPINS = MAX_SPINS == 0 ? 0 : 1 << 4;

    private int spins = MAX_SPINS >> 2;

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
