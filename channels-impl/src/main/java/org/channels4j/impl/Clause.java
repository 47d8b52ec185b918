package org.channels4j.impl;

import org.channels4j.SelectClause;

/**
 * The implementation side of a {@link SelectClause}: the steps {@link Selection} drives.
 * Immutable and reusable; all state of a select in progress lives in {@link Selection}'s frame
 * and its {@link WaitNode}s. Plain blocking operations are one-clause selects whose
 * {@link #finish} returns the raw token.
 *
 * @param <R> the select's result type when this clause is chosen
 */
abstract class Clause<R> implements SelectClause<R> {
    /** {@link #attempt} could not complete now. */
    static final Object NOT_READY = new Marker("NOT_READY");
    /** Token: the channel is closed (for a receive: closed and drained). */
    static final Object CLOSED = new Marker("CLOSED");
    /** Token: the element was sent. */
    static final Object SENT = new Marker("SENT");
    /** Token: a timer fired. */
    static final Object FIRED = new Marker("FIRED");

    /**
     * Completes the clause's operation now if it can, without blocking and without
     * registering: the operation's linearization point when it succeeds.
     *
     * @param start when the select started, for timeouts
     * @return {@link #NOT_READY}, or the token to pass to {@link #finish}
     */
    abstract Object attempt(long start);

    /**
     * Whether {@link #attempt} would likely complete. With {@code own} null (step 1's scan) it
     * only reads. With the select's own node on this clause's channel (the re-check after
     * registering) it may also wait, on an unbuffered channel, for a partner that is
     * re-checking too, to learn which of the two acts ({@code UnbufferedChannel.findPartner}).
     */
    abstract boolean isReady(WaitNode own, long start);

    /**
     * A number that grows whenever this clause may have become ready: two equal readings
     * bracket a stretch of time in which a clause found not ready stayed not ready. Time-based
     * clauses ({@link #timed()}) are the exception: they become ready with time
     * ({@code Selection.tryNowOrElse} looks at them again after its scan), and the ones that can
     * become not ready again, after and tick channels, move their version when a receiver
     * takes their value.
     * {@link Selection} uses it to make {@code orElse} linearizable, summing the versions of a
     * select's clauses with their close and cancel marks {@linkplain Selection#fold folded}.
     * One exception to "grows": an unbuffered channel's version is the sum of its two queues'
     * sequence numbers, each of which wraps to 0 once in 2<sup>42</sup> appends; two equal sums
     * across a wrap would need 2<sup>42</sup> - 1 other registrations during one scan.
     */
    long version() {
        return 0;
    }

    /**
     * Registers a node for clause {@code index} of a select on this clause's channel, owned by
     * {@code owner}, or, if {@code owner} is null, its own owner and so the select's waiter.
     *
     * @param selecting whether the select has more than one channel clause (for a new owner)
     * @param alone whether this is the select's only clause that registers a node: its
     *        completion then carries the token itself, as a plain operation's does, not a
     *        {@link Match}
     * @return the node; null if the clause waits by deadline only
     */
    abstract WaitNode register(Waiter owner, boolean selecting, boolean alone, int index);

    /** Whether {@link #register} registers a node; false for clauses that wait by deadline only. */
    boolean registersNode() {
        return true;
    }

    /** Tells the node's queue that the node is dead (see AbstractReceiveChannel.abandon). */
    void abandon(WaitNode node) {
    }

    /** Passes on a wake-up this clause's node got but the select did not use. */
    void forwardWake(WaitNode node) {
    }

    /** Whether the clause becomes ready at a time rather than by another thread's action. */
    boolean timed() {
        return false;
    }

    /** When a {@link #timed()} clause becomes ready, in {@link System#nanoTime()} terms. */
    long deadline(long start) {
        return 0;
    }

    /** The channel's adaptive spin budget, or null for clauses with no channel. */
    SpinBudget spinBudget() {
        return null;
    }

    /** Whether this clause is {@code orElse}. */
    boolean isDefault() {
        return false;
    }

    /**
     * What this clause waits on, as the {@code org.channels4j.ChannelWait} event names it: the
     * channel's {@code toString()}, or {@code timeout(PT1S)} for a timeout.
     */
    abstract String waitedOn();

    /** The token for a {@link Match} that completed this clause's node. */
    abstract Object matched(Match match);

    /**
     * Runs the clause's continuation on the token of its completed operation.
     *
     * @throws org.channels4j.ChannelClosedException for {@link #CLOSED} with no closed branch
     */
    abstract R finish(Object token);
}
