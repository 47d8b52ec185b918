package org.channels4j.impl;

/**
 * One round of a wait for another thread's next step that the waiter can neither help with nor
 * park through: a buffer position claimed and not yet published, a consumer freeing the slot a
 * producer needs, a position designated for a displacing producer ({@link RingBuffer}), an
 * unbuffered partner that has registered and not yet settled ({@link UnbufferedChannel}). Such a
 * wait is short unless the thread it waits for was descheduled in the middle of its step, and
 * then it lasts until that thread runs again.
 *
 * <p>A platform thread spins for the first {@value #SPINS} rounds ({@link Thread#onSpinWait})
 * and yields ({@link Thread#yield}) in every later one, so that with more runnable threads
 * than CPUs the thread waited for can run on this CPU now rather than when this thread's time
 * slice ends. A virtual thread only spins. It must never leave its carrier inside one of these
 * windows: a virtual thread that does not leave it stays mounted from its claim to its
 * publication, so a virtual waiter only ever waits for a thread that is running (on a
 * carrier, or as a platform thread), which the operating system schedules. Yielding broke
 * that: in a clean-clone CI run of the soak on virtual threads (2026-12-05, the first form of
 * this class yielded on both kinds), a displacing producer yielded inside its window, the
 * waiters behind it kept yielding on both carriers, and the producer was not run again for
 * 30 s (the soak's watchdog); {@code Thread.yield} gives a virtual thread no fairness
 * guarantee against others that yield in a loop.
 *
 * <p>Decided 2026-12-05 (a bug found by the contract tests on the drop policies): with pure
 * spins, four platform threads displacing the
 * oldest element of one ring and four consuming it, on two cores, waited on one another in a
 * chain (each displacing producer takes its designated position only after the one before
 * it, consumers wait for designated positions to be taken) and moved a few dozen positions a
 * second, each step waiting for the scheduler to preempt a spinner; {@code ConservationTest}
 * on the {@code DROP_OLDEST} kinds had a producer not finish within 20 s in about half the runs.
 *
 * <p>The rounds count per loop of the waiting operation: an offer or poll carries one count
 * through all its waits, so that one that already waited long and then meets another wait
 * yields at once; the displacing producer's waits and a cancel's drain start a count of their
 * own at each wait. A yield is not a park: the wait stays a wait on that thread's progress, and
 * says so where it is used.
 */
final class DependentWait {
    /** Spins before the first yield: a few microseconds, longer than any step waited for when its thread runs. */
    static final int SPINS = 128;

    private DependentWait() {
    }

    /**
     * Pauses once.
     *
     * @param rounds the rounds this wait has paused so far
     * @return {@code rounds + 1}, saturated at {@link Integer#MAX_VALUE}: a count that wrapped
     *         to negative would turn a platform thread's yields back into spins (found in
     *         review; 2<sup>31</sup> rounds of a virtual thread's spin are about a minute)
     */
    static int pause(int rounds) {
        if (rounds < SPINS || Thread.currentThread().isVirtual()) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return rounds == Integer.MAX_VALUE ? rounds : rounds + 1;
    }
}
