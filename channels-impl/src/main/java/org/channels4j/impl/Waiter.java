package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocked operation, or one blocked select: the parked thread and the single word that
 * decides how its wait ends.
 *
 * <h2>Protocol</h2>
 * {@code outcome} starts {@code null} (waiting) and is set exactly once, by CAS, to one of:
 * <ul>
 *   <li>a {@link Match}: an unbuffered partner completed one of this waiter's clauses;</li>
 *   <li>one of the waiter's own {@link WaitNode}s: "this clause may be able to proceed now,
 *       try it" (an element or a free slot appeared, or the channel was closed);</li>
 *   <li>{@link #CANCELLED}: the owner stopped waiting (timeout, interrupt, or it found a clause
 *       ready by itself and is going to complete it).</li>
 * </ul>
 * The CAS is the commit point: whoever wins it owns the waiter's fate, so a select can never
 * complete two clauses and a wake-up can never be given to a waiter that already left. Nodes
 * of a waiter whose outcome is set are dead and are skipped and unlinked by their queues.
 *
 * <h2>Blocking</h2>
 * The owner parks with {@link LockSupport}; completers unpark it after their CAS, so a wake-up
 * between the owner's last check and its park is kept as the thread's permit (no lost wake-ups).
 * Every thread first spins for a budget chosen by the caller ({@link SpinBudget}), virtual
 * threads included. Parking a virtual thread unmounts it, and waking it means resubmitting it
 * to the scheduler and often waking an idle carrier: with the spin, a round trip between two
 * virtual threads over buffered channels took less than half as long, and over unbuffered
 * ones did in some JMH forks but not others ({@code PingPong.roundTripVirtual}; the README
 * gives the figures). The spin is bounded and adapts per channel, so a spinning
 * virtual thread holds its carrier for at most {@link SpinBudget#MAX_SPINS} polls, and for
 * few once spinning stops paying, as when the thread that would end the wait is queued behind
 * it on the same carrier. JDK 25's {@code LinkedTransferQueue} also lets virtual threads spin
 * before they park.
 */
final class Waiter {
    /** The outcome of a waiter that gave up or took matters into its own hands. */
    static final Object CANCELLED = new Marker("CANCELLED");
    /** What a finished waiter's outcome is reset to once the owner has read it. */
    private static final Object DONE = new Marker("DONE");

    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /**
     * Whether this waiter belongs to a select with more than one channel clause, and so may have
     * nodes of both modes on one channel; see {@link UnbufferedChannel}.
     */
    final boolean selecting;
    private volatile Object outcome;
    /** Whether {@link #await} had to park: feedback for the spin budget. Owner only. */
    boolean parked;

    Waiter(boolean selecting) {
        this.thread = Thread.currentThread();
        this.selecting = selecting;
    }

    boolean isWaiting() {
        return outcome == null;
    }

    Object outcome() {
        return outcome;
    }

    /**
     * Completes the wait with {@code result} if nobody has, and wakes the owner.
     *
     * @return {@code true} if this call decided the outcome
     */
    boolean tryComplete(Object result) {
        if (OUTCOME.compareAndSet(this, null, result)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    /**
     * Called by the owner once it has read a non-null outcome, so that a {@link Match} does not
     * keep the element reachable from nodes still linked in a queue.
     */
    void forget() {
        // release: the owner is the only writer of a non-null outcome; readers need only non-null
        OUTCOME.setRelease(this, DONE);
    }

    /**
     * Called by the owner to stop waiting.
     *
     * @return {@code true} if nobody completed the wait first; otherwise {@link #outcome()} says
     *         what did
     */
    boolean tryCancel() {
        return OUTCOME.compareAndSet(this, null, CANCELLED);
    }

    /**
     * Called by the owner: waits until the outcome is set, the deadline passes or the thread is
     * interrupted. Does not clear the interrupt status.
     *
     * @param spins how many times to poll before parking
     * @param timed whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} value
     * @return the outcome, or {@code null} on timeout or interrupt
     */
    Object await(int spins, boolean timed, long deadline) {
        for (int i = 0; i < spins; i++) {
            final Object o = outcome;
            if (o != null) {
                return o;
            }
            Thread.onSpinWait();
        }
        for (;;) {
            final Object o = outcome;
            if (o != null) {
                return o;
            }
            if (thread.isInterrupted()) {
                return null;
            }
            parked = true;
            if (timed) {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }
}
