package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The commit word of one blocked operation or one blocked select, and the thread parked on it:
 * the {@link WaitNode} a thread parks on. A plain operation's node is a waiter, its own owner,
 * so a blocked {@code send} or {@code receive} allocates one 32-byte object. A select's first
 * node is the select's waiter, a {@link SelectWaiter}, and its other nodes are
 * {@link SelectNode}s whose chain of links leads to it, so a blocked select over k channels allocates k nodes, one
 * of them a waiter; a select with one node uses a plain waiter, and a select that waits on
 * timeouts alone a waiter that no queue holds.
 *
 * <h2>Protocol</h2>
 * {@code outcome} starts as the owner's {@link ThreadRecord} (waiting: the record names the
 * thread to unpark, so the node needs no field of its own for it) and is decided once, by CAS
 * from that record, by whoever acts first:
 * <ul>
 *   <li>an unbuffered partner that completed one of the waiter's nodes ({@link WaitNode#tryMatch}):
 *       for a plain receive the element itself, for a plain send {@link #SENT}, for a select a
 *       {@link Match} naming the node;</li>
 *   <li>a wake-up, "this clause may be able to proceed now, try it" (an element or a free slot
 *       appeared, or the channel was closed; {@link WaitNode#tryWake}): {@link #WOKEN} for a plain
 *       operation, the woken node for a select;</li>
 *   <li>{@link #CANCELLED}: the owner stopped waiting (timeout, interrupt, or it found a clause
 *       ready by itself and is going to complete it);</li>
 *   <li>on a buffered channel, for a waiter with one node, {@link #HELD} first: a completer took
 *       the decision and makes the owner's offer or poll for it, then stores the final outcome
 *       ({@link #tryHold}, {@link #release}): the element, {@link #SENT}, or {@link #WOKEN}.
 *       The owner treats {@code HELD} as still waiting, but can no longer cancel.</li>
 * </ul>
 * The CAS is the commit point (the CAS to {@code HELD} included): whoever wins it owns the
 * waiter's fate, so a select can never complete two clauses and a wake-up can never be given
 * to a waiter that already left. Once the
 * owner has read an outcome that carries something (an element, a {@code Match}) it replaces it
 * with {@link #DONE} ({@link #forget}), so that a dead node still linked in a queue, or now its
 * sentinel, does not keep a delivered element reachable; constant outcomes ({@code SENT},
 * {@code WOKEN}, {@code CANCELLED}) are left. The outcome is therefore set by CAS once, moved
 * on from {@code HELD} once by the holder, and reset at most once, by the owner only; it never
 * becomes a record again, so a CAS that expects the record it read cannot succeed late (no ABA).
 * A completer unparks the thread of the record its CAS replaced.
 *
 * <h2>Blocking</h2>
 * The owner first polls for a number of rounds chosen by the caller ({@link SpinBudget}), then
 * announces that it parks ({@link #PARKED}, volatile), re-reads the outcome and parks. A completer
 * unparks only an owner that announced it: the CAS of the outcome (or {@link #release}'s volatile
 * store) and the read of {@link #PARKED} on one side, the write of {@code PARKED} and the read of the outcome on the
 * other, are volatile accesses, so at least one side sees the other's (the Dekker pattern of
 * {@code LinkedTransferQueue}'s {@code waiter} field). An owner that is still spinning is
 * never unparked: for a virtual thread an unpark is a submit to the scheduler and may wake an
 * idle carrier, for a platform thread a system call. An owner that parked counts, in its
 * {@link ThreadRecord}, that it runs again once it stops parking (outcome, timeout or
 * interrupt); a virtual thread that unparked it and is about to wait reads that to judge
 * whether the partner it woke still waits for this very carrier, and if so spins on a budget
 * of its own, usually none, as do the channel's other waiters until that partner runs
 * ({@link CarrierHandoff}, {@link SpinBudget#kind}).
 *
 * <h2>Progress</h2>
 * Waiting here is blocking by nature: the owner waits for another thread's action. One wait
 * depends on a thread that may be descheduled while holding something: an owner that stops
 * waiting (a timeout, an interrupt, or its re-check finding a clause ready) while a completer
 * holds it waits until that completer has made its one offer or poll and decided
 * ({@link #decidedOutcome}), so a timed operation may return later than its timeout by that
 * much. Otherwise a completer's whole action is one CAS followed by an unpark.
 */
class Waiter extends WaitNode {
    /** The outcome of a waiter that gave up or took matters into its own hands. */
    static final Object CANCELLED = new Marker("CANCELLED");
    /** The outcome of a plain operation that was told to try again. */
    static final Object WOKEN = new Marker("WOKEN");
    /** The outcome of a plain send whose element a receiver took. */
    static final Object SENT = Clause.SENT;
    /** What a finished waiter's outcome is reset to once the owner has read it. */
    private static final Object DONE = new Marker("DONE");
    /**
     * The outcome while a completer finishes a plain operation on a buffered channel for its
     * owner ({@link #tryHold}, {@link #release}): not waiting any more, not decided yet.
     */
    static final Object HELD = new Marker("HELD");

    private static final VarHandle OUTCOME = VarHandles.field(MethodHandles.lookup(), "outcome", Object.class);

    /**
     * The owner's {@link ThreadRecord} while it waits (a record rather than the thread, so that
     * a completer can remember whom it woke without keeping this node, and through its
     * {@code next} the queue behind it, reachable: {@link CarrierHandoff}); then the decided
     * outcome. Written plainly by the constructor: the append CAS publishes the node, and a
     * waiter that no queue holds (a select of timeouts alone) is read by its owner only. Every
     * node must reach other threads so, through a volatile write or a CAS: one that read the
     * field's default, null, would take a live node for a dead one.
     */
    private volatile Object outcome;

    /**
     * @param threadRecord the owner's record, or null for a queue's sentinel
     * @param bits the node's constant bits ({@link WaitNode#bits})
     * @param item the element a sending node offers, else null
     */
    Waiter(ThreadRecord threadRecord, int bits, Object item) {
        super(bits, item);
        OUTCOME.set(this, threadRecord != null ? threadRecord : DONE);
    }

    /** The node of a plain blocking operation of the current thread: its own waiter. */
    Waiter(boolean sending, Object item) {
        this(ThreadRecord.current(), sending, item);
    }

    /** The node of a plain blocking operation of {@code self}'s thread, the current one: its own waiter. */
    Waiter(ThreadRecord self, boolean sending, Object item) {
        this(self, bits(false, true, 0, sending), item);
    }

    /** The waiter of a select with no channel clause to register on, owned by the current thread. */
    Waiter(boolean selecting) {
        this(ThreadRecord.current(), bits(selecting, false, 0, false), null);
    }

    /** A queue's sentinel: owned by no thread, never live, never completed. */
    static Waiter sentinel() {
        return new Waiter(null, bits(false, true, 0, false), null);
    }

    final boolean isWaiting() {
        return lvOutcome() instanceof ThreadRecord;
    }

    /**
     * Whether a completer holds the operation ({@link #HELD}): for the owner, after its cancel
     * failed, a sign that {@link #decidedOutcome} may park (so the Flight Recorder event begins).
     */
    final boolean isHeld() {
        return lvOutcome() == HELD;
    }

    /**
     * Whether {@code o}, read from the outcome, is a decision the owner can act on: neither the
     * owner's record (waiting) nor {@link #HELD}.
     */
    private static boolean isDecided(Object o) {
        return !(o instanceof ThreadRecord) && o != HELD;
    }

    /**
     * The outcome: the owner's {@link ThreadRecord} while waiting, {@link #HELD} while a
     * completer finishes the operation.
     */
    final Object lvOutcome() {
        return outcome;
    }

    /**
     * The decided outcome, once {@link #tryCancel} failed: waits out a completer that holds the
     * operation ({@link #HELD}). This wait depends on that completer making progress: it has
     * one buffer offer or poll to make and never parks, but that offer or poll may wait for a
     * third thread in the middle of its own, and either may be descheduled. The owner polls
     * briefly, then announces that it parks and parks until {@link #release} unparks it.
     *
     * <p>An interrupted owner parks too, with its interrupt status cleared for the wait and set
     * again before it returns (the pattern of {@code AbstractQueuedSynchronizer}'s
     * uninterruptible acquire): a park with the status set would return at once, and yielding
     * instead spun for as long as the holder's thread was descheduled. Only the owner calls this,
     * so the status it restores is its own.
     */
    final Object decidedOutcome(ThreadRecord self) {
        Object o = lvOutcome();
        for (int i = 0; o == HELD && i < SPINS_WHILE_HELD; i++) {
            Thread.onSpinWait();
            o = lvOutcome();
        }
        if (o != HELD) {
            return o;
        }
        // the same Dekker pair as await's: announce, then re-read; release stores, then reads.
        // Announced again even after a park in await, so that the parity a waker reads is this
        // park's (a hint for CarrierHandoff; PARKED alone would already be seen).
        svParked(self.resumeParity());
        boolean interrupted = false;
        while ((o = lvOutcome()) == HELD) {
            if (Thread.interrupted()) {
                interrupted = true;
                continue; // re-read before parking: the status is clear now, so the park blocks
            }
            LockSupport.park(this);
        }
        self.resumed();
        if (interrupted) {
            self.thread.interrupt();
        }
        return o;
    }

    /** Polls before {@link #decidedOutcome} parks: a completer's offer or poll takes well under a microsecond. */
    private static final int SPINS_WHILE_HELD = 64;

    private boolean casOutcome(Object expect, Object update) {
        return OUTCOME.compareAndSet(this, expect, update);
    }

    private void soOutcome(Object value) {
        OUTCOME.setRelease(this, value);
    }

    /** Whether the owner had to park (owner only: feedback for the spin policy). */
    final boolean hasParked() {
        return lvParked();
    }

    /**
     * Completes the wait with {@code result} if nobody has, and wakes the owner if it parked.
     *
     * @return {@code true} if this call decided the outcome
     */
    final boolean tryComplete(Object result) {
        if (lvOutcome() instanceof ThreadRecord owner && casOutcome(owner, result)) {
            wakeIfParked(owner);
            return true;
        }
        return false;
    }

    /**
     * Takes the decision from the owner without deciding it yet: the owner can no longer cancel,
     * and waits (spinning or parked) until {@link #release}. Only for a waiter with one node
     * ({@link WaitNode#isAlone}) on a buffered channel, whose completer then makes the owner's
     * offer or poll itself ({@code BufferChannel}).
     *
     * @return the owner's record, to pass to {@link #release}, if the owner was waiting and is
     *         now held by the caller; null otherwise
     */
    final ThreadRecord tryHold() {
        return lvOutcome() instanceof ThreadRecord owner && casOutcome(owner, HELD) ? owner : null;
    }

    /**
     * Decides the outcome of a waiter this thread holds ({@link #tryHold}) and wakes the owner if
     * it parked. A volatile store, not a release: it and the read of {@link #PARKED} after it
     * are the completer's half of the Dekker pair, as the CAS is in {@link #tryComplete}.
     *
     * @param owner what {@link #tryHold} returned
     */
    final void release(ThreadRecord owner, Object result) {
        OUTCOME.setVolatile(this, result);
        wakeIfParked(owner);
    }

    private void wakeIfParked(ThreadRecord owner) {
        // volatile read after the CAS or volatile store: Dekker with the owner's write of parked,
        // then its read of the outcome; an owner that has not announced itself sees the outcome
        final int state = lvState();
        if ((state & PARKED) != 0) {
            LockSupport.unpark(owner.thread);
            CarrierHandoff.unparked(owner, (state & PARK_PARITY) != 0);
        }
    }

    /**
     * Called by the owner once it has read a decided outcome, so that an element delivered in
     * the outcome, or a node named by a wake-up (a select's node in another queue, which keeps
     * its {@code next}), is not kept reachable by a dead node still linked in a queue.
     */
    final void forget() {
        // release: only the owner resets a decided outcome; other readers need only "not waiting",
        // which DONE, like the outcome it replaces, is not
        soOutcome(DONE);
    }

    /**
     * Called by the owner to stop waiting.
     *
     * @return {@code true} if nobody completed the wait first; otherwise {@link #decidedOutcome}
     *         says what did, once a holder ({@link #HELD}) has decided
     */
    final boolean tryCancel() {
        return lvOutcome() instanceof ThreadRecord self && casOutcome(self, CANCELLED);
    }

    /**
     * Called by the owner: waits until the outcome is set, the deadline passes or the thread is
     * interrupted. Does not clear the interrupt status.
     *
     * @param self the owner's record, the current thread's
     * @param spins how many times to poll before parking
     * @param timed whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} value
     * @return the outcome, or {@code null} on timeout or interrupt
     */
    final Object await(ThreadRecord self, int spins, boolean timed, long deadline) {
        for (int i = 0; i < spins; i++) {
            final Object o = lvOutcome();
            if (isDecided(o)) {
                return o;
            }
            Thread.onSpinWait();
        }
        // volatile write, then the volatile read below: a completer either sees it and unparks,
        // or its CAS came first and the read sees the outcome
        svParked(self.resumeParity());
        final Object o = parkUntilDone(self.thread, timed, deadline);
        self.resumed(); // for a completer that unparked us and waits next: "the partner you woke runs"
        return o;
    }

    private Object parkUntilDone(Thread thread, boolean timed, long deadline) {
        for (;;) {
            final Object o = lvOutcome();
            if (isDecided(o)) {
                return o;
            }
            if (thread.isInterrupted()) {
                return null;
            }
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
