package org.channels4j.impl;

/**
 * Whether the current virtual thread has, since it last began to wait, unparked another
 * virtual thread, which JDK 25 queues on the waker's carrier. Such a waker that then waits
 * should let its carrier go now and then while it spins ({@link Waiter#await}), or the partner
 * it woke, the one most likely to end its wait, cannot run there until another carrier steals
 * it. This stands in for the test JDK 25's {@code SynchronousQueue} makes, "does my carrier
 * have queued work" ({@code ForkJoinWorkerThread.hasKnownQueuedWork}), which is not public API.
 *
 * <p>Measured on the 2-core build machine (JDK 25.0.3, JMH, 3 or 4 forks a cell, with the
 * peers in the same hour; {@code channels-jmh/results/carrier-handoff/README.md}): the unbuffered
 * virtual-thread round trip went from 2,094 to 1,503 ns and the capacity-16 one from 4,018 to
 * 2,196 ns; batch throughput did not drop. Exploratory runs that yielded on every wait, not
 * only after waking a partner, gained the same latency but made unbuffered batch throughput a
 * steady 0.9 msg/µs (one carrier doing all the work), and yielding once before spinning gained
 * less; neither is committed.
 *
 * <p>The flag is one {@code boolean[]} per thread, read and cleared once per wait and set only
 * by a waker that actually unparked: both are already off the fast path. Platform threads never
 * touch it.
 */
final class CarrierHandoff {
    /** Polls between two yields of a spinning virtual thread that woke a partner. */
    static final int YIELD_EVERY = 64;

    private static final ThreadLocal<boolean[]> WOKE_A_VIRTUAL_THREAD = ThreadLocal.withInitial(() -> new boolean[1]);

    private CarrierHandoff() {
    }

    /** Called by a thread that just unparked {@code woken}. */
    static void unparked(Thread woken) {
        if (woken.isVirtual() && Thread.currentThread().isVirtual()) {
            WOKE_A_VIRTUAL_THREAD.get()[0] = true;
        }
    }

    /**
     * Whether the current thread, about to wait, should yield while it spins; clears the flag,
     * so each unpark buys one waiting episode of yields.
     */
    static boolean yieldWhileSpinning() {
        final boolean[] woke = WOKE_A_VIRTUAL_THREAD.get();
        final boolean yield = woke[0];
        woke[0] = false;
        return yield;
    }
}
