package org.channels4j.impl;

import java.io.Serial;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.channels4j.spi.DoneChannel;

/**
 * A context's done channel: never an element; closed once, when it is cancelled, when an
 * ancestor is, or when its deadline passes, whichever comes first.
 *
 * <h2>Algorithm</h2>
 * One word, {@code done}, goes once from null to a {@link Done}, the close cause with the
 * {@link System#nanoTime()} at which it took effect, by CAS. A cancel CASes in its cause with
 * the time read just before its CAS. Nothing happens by itself when an ancestor is cancelled
 * or the deadline passes: every reader of the state ({@link #cause()}, and through it every
 * attempt, re-check and query) settles it first. It walks up the ancestors to the nearest
 * that is done; if this channel's own deadline has passed and came before that ancestor's
 * time (or no ancestor is done), it uses a {@link TimeoutException} at the deadline's time,
 * and otherwise it adopts the ancestor's cause and time; and it CASes what it found into
 * {@code done}. So the first of cancel and deadline wins whenever it is noticed, the loser's
 * CAS fails, and the cause never changes once seen. Comparing times is what keeps a deadline
 * that passed unnoticed from being overtaken by a later cancel of an ancestor (Go's timer
 * would have fired at the deadline): before 2026-12-07 any ancestor's cause won, and a child
 * that nobody read between its deadline and the ancestor's cancel reported the cancel
 * ({@code ContextCauseOrderTest}). An ancestor that is not yet marked done but whose deadline
 * has passed needs no look: its deadline is never earlier than this channel's, which has then
 * passed too.
 *
 * <p>Adopting lazily makes a cancel of an ancestor take effect for every descendant not
 * already past its deadline at the instant of its CAS, for readers of this channel as for {@code Context.isDone}: Lincheck
 * checks exactly that. The context still walks its descendants after the CAS and cancels each
 * one, which is what wakes their blocked receivers.
 *
 * <h2>Invariants and blocking protocol</h2>
 * {@code done} is written only from null, and whoever writes it wakes every registered
 * receiver. The queue is created on first registration, by CAS, so a context nobody waits on
 * costs no queue. A receiver appends its node (CAS) and then re-checks {@link #cause()}
 * (volatile reads up the ancestors); a canceller CASes {@code done} and then reads
 * {@code receivers} and walks it (volatile). Whichever goes second sees the other's write
 * (Dekker). An ancestor's cancel reaches a receiver blocked here through the context's walk,
 * which cancels this channel after the ancestor's CAS. Timed receivers also park no later than
 * the deadline, as receivers of {@code after} do: no thread and no timer task. A receiver
 * woken by the close that completes another clause of its select need not pass the wake-up
 * on: every receiver was woken.
 *
 * <h2>Linearization</h2>
 * A cancel takes effect at its successful CAS on its own channel, for it and every descendant
 * whose deadline had not passed by the cancel's time; a deadline at the CAS of the first reader
 * to see it passed, as the cause of every descendant not already done by then (their deadlines
 * are no later). A descendant whose deadline passed before an ancestor's cancel was already
 * done at that CAS, whether or not anyone had looked. A receive or select clause on this
 * channel completes (closed) at a read that found a cause.
 *
 * <h2>Trade-off</h2>
 * Reading the state of an open channel costs one volatile read per ancestor; contexts are
 * seldom nested more than a few deep.
 */
final class DeadlineChannel extends AbstractReceiveChannel<Void> implements DoneChannel {
    private static final VarHandle DONE = VarHandles.field(MethodHandles.lookup(), "done", Done.class);
    private static final VarHandle RECEIVERS = VarHandles.field(MethodHandles.lookup(), "receivers", WaitQueue.class);

    /** The done channel of the parent context; null for a child of the background. */
    private final DeadlineChannel parent;
    private final boolean timed;
    /** {@link System#nanoTime()} past which the channel is closed; meaningless unless {@link #timed}. */
    private final long deadline;
    /** null while open; then fixed for good. */
    private volatile Done done;
    /** Blocked receivers and selects; null until the first registers. */
    private volatile WaitQueue receivers;

    DeadlineChannel(DeadlineChannel parent, boolean timed, long deadline) {
        super(false); // receivers wait for a cancel or a time, seldom soon: never spin
        this.parent = parent;
        this.timed = timed;
        this.deadline = deadline;
    }

    /**
     * Why and when the channel closed.
     *
     * @param cause the close cause
     * @param at the {@link System#nanoTime()} at which it took effect: a passed deadline's own
     *           time, or for a cancel the time read just before its CAS (never after it)
     */
    private record Done(Throwable cause, long at) {
    }

    private Done lvDone() {
        return done;
    }

    private boolean casDone(Done update) {
        return DONE.compareAndSet(this, null, update);
    }

    private WaitQueue lvReceivers() {
        return receivers;
    }

    private WaitQueue caeReceivers(WaitQueue expect, WaitQueue update) {
        return (WaitQueue) RECEIVERS.compareAndExchange(this, expect, update);
    }

    @Override
    public boolean close(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        final long now = System.nanoTime(); // before the CAS: a cancel's time is never later than its effect
        return settled() == null && fix(new Done(cause, now)); // an ancestor's earlier cause or a passed deadline wins
    }

    @Override
    public Throwable cause() {
        final Done d = settled();
        return d == null ? null : d.cause();
    }

    private Done settled() {
        final Done d = lvDone();
        return d != null ? d : settle();
    }

    /**
     * Fixes the cause if an ancestor's cause or the deadline already decides it: the earlier of
     * the nearest done ancestor's time and this channel's passed deadline (the ancestor's on a
     * tie).
     *
     * @return what closed the channel, or null while still open
     */
    private Done settle() {
        Done found = null;
        for (DeadlineChannel ancestor = parent; ancestor != null && found == null; ancestor = ancestor.parent) {
            found = ancestor.lvDone(); // volatile
        }
        if (timed && System.nanoTime() - deadline >= 0 && (found == null || found.at() - deadline > 0)) {
            found = new Done(new DeadlineExceededException(), deadline);
        }
        if (found == null) {
            return null;
        }
        fix(found);
        return lvDone(); // what we found, or what a cancel fixed first
    }

    /** The single commit point: fixes the cause and wakes every waiter if nobody did first. */
    private boolean fix(Done d) {
        // CAS: the first of cancel and deadline wins; also the publication that a receiver's
        // re-check after its append must see (Dekker with registerReceiver)
        if (!casDone(d)) {
            return false;
        }
        final WaitQueue waiting = lvReceivers(); // volatile: read after the CAS, see the class comment
        if (waiting != null) {
            waiting.wakeAll();
        }
        return true;
    }

    @Override
    Object receiveAttempt() {
        return cause() == null ? Clause.NOT_READY : Clause.CLOSED;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return cause() != null;
    }

    @Override
    void registerReceiver(WaitNode node) {
        queue().append(node);
    }

    private WaitQueue queue() {
        final WaitQueue existing = lvReceivers();
        if (existing != null) {
            return existing;
        }
        final WaitQueue created = new WaitQueue();
        // CAS: one queue per channel; the loser uses the winner's
        final WaitQueue witness = caeReceivers(null, created);
        return witness == null ? created : witness;
    }

    @Override
    void abandon(WaitNode node) {
        lvReceivers().abandon(); // non-null: the node was registered in it
    }

    @Override
    long receiveVersion() {
        return cause() == null ? 0 : 1; // the only change that makes a receive possible
    }

    @Override
    boolean receiveTimed() {
        return timed;
    }

    @Override
    long receiveDeadline() {
        return deadline;
    }

    @Override
    Throwable closeCause() {
        return cause();
    }

    @Override
    public boolean isClosedForReceive() {
        return cause() != null;
    }

    /**
     * Decision: a context's {@code done()} channel is read-only; it holds no element, and what
     * ends it is the context. Cancel the {@code Context} instead.
     */
    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException("a Context's done() channel cannot be cancelled: cancel the Context");
    }

    /**
     * The cause of a deadline: a {@link TimeoutException} without a stack trace, which would
     * only show whichever reader noticed the deadline, and would cost microseconds per context.
     */
    private static final class DeadlineExceededException extends TimeoutException {
        @Serial
        private static final long serialVersionUID = 1L;

        DeadlineExceededException() {
            super("context deadline exceeded");
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public String toString() {
        // where it comes from, as every channel is named; no state, so one name in a recording
        return timed ? "done(deadline)" : "done";
    }
}
