package org.channels4j.impl;

/**
 * One round of a wait for another thread's next step that the waiter can neither help with nor
 * park through. Every such wait in the library goes through here; they are:
 * <ul>
 *   <li>a consumer, or a cancel taking the discarded elements, at a buffer position that a
 *       producer claimed and has not yet published ({@link RingBuffer}, {@link SegmentedQueue}),
 *       and so a sender that serves a waiting receiver by polling for it, even on an unbounded
 *       channel;</li>
 *   <li>a producer on a bounded ring at a slot whose previous element a consumer claimed and
 *       has not yet freed, and so a receiver that serves a waiting sender by offering for it;</li>
 *   <li>on a {@code DROP_OLDEST} ring, a displacing producer behind the displacements claimed
 *       before its own, and a consumer at a position designated for a displacing producer;</li>
 *   <li>an unbuffered re-check that meets a partner still re-checking whose thread id is smaller
 *       ({@code UnbufferedChannel.findPartner}).</li>
 * </ul>
 * Such a wait is short unless the thread it waits for was descheduled in the middle of its
 * step, and then it lasts until that thread runs again. (The one other wait on another thread's
 * step, an operation held by a buffered channel's partner, parks: {@link Waiter#decidedOutcome}.)
 *
 * <p>Only the unbuffered re-check reads its operation's deadline and interrupt status while it
 * waits, and gives up. The others do not: a timed operation can return, and an interrupt be
 * answered, as much later as the thread waited for stays descheduled, and a {@code trySend} or
 * {@code tryReceive}, which never parks, can wait so too. Decided (2026-12-07, after a review
 * that showed a {@code trySend} with a 10 ms timeout return after a second behind a consumer held
 * between its claim and its store): these waits stay as they are, because a consumer that has
 * claimed a position, or a producer that has claimed one, cannot give up without losing or
 * doubling its element. A producer's wait for a freeing consumer comes before its own claim and
 * could give up; it does not, so that an offer has one outcome per call (stored, full or
 * closed) whatever the caller's deadline, and the wait is one store long unless the consumer's
 * thread is descheduled.
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
