package org.channels4j.impl;

/**
 * How long a thread about to block on a channel polls before it parks: a budget that adapts to
 * what spinning has been buying on that channel, doubled when a wait ended while spinning,
 * halved when it had to park anyway, between {@link #MIN_SPINS} and {@link #MAX_SPINS}; zero
 * on a single CPU, where spinning only delays the thread that would end the wait. The budget is
 * a plain field updated racily on purpose: a lost update only mistunes a heuristic, and a shared
 * atomic would put a contended cache line on the blocking path.
 *
 * <p><b>Virtual threads spin too, on the same budget.</b> When a virtual thread unparks
 * another, JDK 25 queues the woken thread on the waker's carrier, so a waker that then spins
 * keeps its partner off that carrier until another carrier steals it; parking at once avoids
 * that, but then every handoff parks and unparks, and waking an idle carrier is an OS-level
 * wake-up. Measured on the 2-core build machine (JDK 25.0.3, two virtual threads, 3 JVMs each),
 * parking at once made an unbuffered handoff about 1.8 times slower (about 1,900 against
 * 1,070 ns a message) and an unbuffered round trip about 1.5 times slower, while a capacity-16
 * round trip was about 1.2 times faster; the adaptive budget keeps the spin short where it
 * does not pay. JDK 25's {@code SynchronousQueue} spins only while the carrier has no queued
 * work, a test that is not public API. A virtual thread whose last wake-up is still queued, very
 * likely on its own carrier ({@link CarrierHandoff}), spins on a second budget instead,
 * {@link #spinsBehindPartner()}: the same doubling and halving, but it halves down to zero, as
 * such a spin can end only if another carrier steals the partner, and at zero it still probes
 * with {@link #MIN_SPINS} polls one wait in {@value #PROBE_EVERY}, so that a channel whose
 * threads move to idle carriers finds out.
 */
final class SpinBudget {
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
    private static final int MIN_SPINS = MAX_SPINS == 0 ? 0 : 1 << 4;

    /** At a zero {@link #behindPartner} budget, one wait in this many still polls, as a probe. */
    static final int PROBE_EVERY = 16;

    private int spins = MAX_SPINS >> 2;
    /** The budget while the partner this thread just woke has not run yet; may reach zero. */
    private int behindPartner = MIN_SPINS;
    /** Waits at a zero {@link #behindPartner} budget, counted racily to pace the probes. */
    private int probes;

    /** The polls to make before parking. */
    int spins() {
        return spins;
    }

    /**
     * The polls to make before parking for a virtual thread whose partner, unparked by it, has
     * not run yet ({@link ThreadRecord#partnerStillQueued()}).
     */
    int spinsBehindPartner() {
        final int s = behindPartner;
        if (s == 0 && (++probes & (PROBE_EVERY - 1)) == 0) {
            return MIN_SPINS;
        }
        return s;
    }

    /** Feedback for {@link #spinsBehindPartner()}: halves to zero, doubles from zero. */
    void recordBehindPartner(boolean satisfiedWhileSpinning) {
        final int s = behindPartner;
        final int next = satisfiedWhileSpinning ? Math.min(MAX_SPINS, (s << 1) | MIN_SPINS) : s >> 1;
        if (next != s) {
            behindPartner = next;
        }
    }

    void record(boolean satisfiedWhileSpinning) {
        final int s = spins;
        final int next = satisfiedWhileSpinning ? Math.min(MAX_SPINS, (s << 1) | MIN_SPINS) : Math.max(MIN_SPINS, s >> 1);
        if (next != s) {
            spins = next; // write only on change: at either bound the line stays shared-clean
        }
    }
}
