package org.channels4j.impl;

import java.util.concurrent.ThreadLocalRandom;
import org.channels4j.SelectClause;

/**
 * The wait protocol of every blocking operation and every select.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li><b>Try.</b> Attempt the clauses without registering anywhere: in argument order for a
 *       biased select, otherwise on a clause drawn uniformly among those that report ready
 *       (reservoir sampling, so nothing is allocated). If one completes, run its continuation.
 *       If none can and there is an {@code orElse}, run it.</li>
 *   <li><b>Register.</b> Append a {@link WaitNode} for each channel clause to that channel's
 *       queue. Time-based clauses contribute a deadline, asked again each time round: an
 *       after channel whose one value another receiver took has none any more, and a select
 *       that kept it would go round at once, every time, instead of parking. The deadline is
 *       recorded for the re-check ({@link ThreadRecord#waitEnds}).</li>
 *   <li><b>Re-check.</b> Ask every clause whether it is ready now. Registration is a CAS and
 *       every readiness check reads the other side's index or queue with volatile semantics, so
 *       a thread that made a clause ready either sees our node and wakes it, or we see its
 *       change here (the Dekker pattern: publish, then look). If a clause is ready, cancel our
 *       own waiter, so that nobody can complete it meanwhile, and go back to step 1. If none
 *       is, the waiter is <em>settled</em> ({@link WaitNode#settle}): on an unbuffered channel a
 *       partner that meets it from then on acts on it ({@link UnbufferedChannel}).</li>
 *   <li><b>Wait</b> until the waiter's outcome is set, the earliest deadline passes or the
 *       thread is interrupted: spin as {@link SpinBudget} says, then park ({@link Waiter}).</li>
 * </ol>
 * A plain {@code send} or {@code receive} runs the same four steps on one clause
 * ({@link #awaitSend}, {@link #awaitReceive}), specialised so that it allocates only its one
 * node: the node is its own waiter, and no clause object, array or {@link Match} is created.
 * A plain receive on a bounded buffered channel whose senders block, with no other receiver
 * waiting, first polls the buffer for about a microsecond before it registers ({@link #pollBeforeRegistering}), so that a receiver just behind its sender
 * takes the next element itself instead of being served it.
 * A select allocates its nodes, the first of which is its waiter, and, if a partner completes
 * it and it has more than one node, one {@code Match} (an only node is completed as a plain
 * operation's is, with the token itself); no array for up to {@value #PACKED_ORDER_MAX} clauses.
 *
 * <h2>States of the waiter and who moves them</h2>
 * The waiter's {@code outcome} goes once from "waiting" to:
 * <ul>
 *   <li>matched, set by an unbuffered partner on another thread, or, for a waiter with one
 *       node on a buffered channel, by the partner that made its offer or poll for it
 *       ({@code BufferChannel}; {@link Waiter#HELD} in between): that clause is
 *       <em>committed</em>, its element already exchanged; the select only runs the
 *       continuation;</li>
 *   <li>woken, set by a sender or receiver that changed a buffered channel, by
 *       {@code close}, or, for a waiter with one node, by a partner that held it to serve it
 *       and found the slot or element taken by then: go back to step 1. If the select then completes a different clause, it
 *       forwards the wake-up to the next waiter of the woken node's queue, so that no element or
 *       free slot is left with nobody told about it;</li>
 *   <li>{@link Waiter#CANCELLED}, set by the owner itself on timeout, interrupt or a ready
 *       re-check.</li>
 * </ul>
 * A single CAS decides each of these, so at most one clause is ever committed on the select's
 * behalf by another thread, and if that happens the select completes nothing else: every
 * completion the select makes itself happens after its outcome is already set.
 *
 * <h2>Linearization</h2>
 * A select takes effect at the linearization point of the one operation it completes: the
 * winning CAS of a match for a committed clause, or the buffer CAS or partner CAS of an attempt
 * it made itself. {@code orElse} takes effect during step 1, after every clause was seen not
 * ready.
 *
 * <h2>Trade-offs</h2>
 * On a buffered channel a waiter with one node is served: the partner makes its offer or poll
 * for it through the buffer ({@code BufferChannel}), so FIFO order across producers is kept,
 * at the cost of letting an arriving thread take the slot or element first, and the waiter
 * then re-tries. A select with several nodes is only woken and re-tries, as crossbeam does for
 * its array channel.
 * A select that must restart (its re-check found a clause ready, but another thread took it
 * first) only does so because some other operation completed.
 */
final class Selection {
    /** What a timed operation gets when its deadline passes first. */
    static final Object TIMED_OUT = new Marker("TIMED_OUT");
    /** No clause could complete. */
    private static final Object NONE = new Marker("NONE");
    /** For {@link #park}: the budget is not chosen yet ({@link SpinBudget#kind}). */
    private static final int NO_KIND = -1;

    private Selection() {
    }

    // ------------------------------------------------------------------------------------------
    // Plain operations: one clause, one node

    /**
     * Blocks until {@code e} is sent on {@code channel}, the channel is closed or the deadline
     * passes. Called after an attempt found the channel full or without a receiver.
     *
     * @return {@link Clause#SENT}, {@link Clause#CLOSED} or {@link #TIMED_OUT}
     */
    static Object awaitSend(AbstractChannel<?> channel, Object e, boolean timed, long deadline)
            throws InterruptedException {
        return awaitOne(channel, channel, e, timed, deadline);
    }

    /**
     * Blocks until an element is received from {@code channel}, the channel is closed and
     * drained, or the deadline passes. Called after an attempt found it empty.
     *
     * @return the element, {@link Clause#CLOSED} or {@link #TIMED_OUT}
     */
    static Object awaitReceive(AbstractReceiveChannel<?> channel, boolean timed, long deadline)
            throws InterruptedException {
        return awaitOne(channel, null, null, timed, deadline);
    }

    /**
     * Steps 2 to 4 and back to 1 for one clause: receives from {@code channel} if {@code sender}
     * is null, otherwise sends {@code e} on {@code sender} (the same channel).
     *
     * <p>Not covered, as for a select's append ({@link #registerAll}): an {@link Error} thrown
     * between the registration and the node's settling or cancel, which in practice is a
     * {@link StackOverflowError} in the re-check (it allocates nothing). The node then stays
     * live and unsettled in its queue: a partner may complete it, and the element it gave or
     * took goes with the error, and an unbuffered partner of a larger thread id that meets it
     * in its re-check waits until its own deadline, if it has one. {@code SynchronousQueue}
     * does not recover there either; catching it would need a test that can throw at that
     * point, which this code has no seam for.
     */
    private static Object awaitOne(AbstractReceiveChannel<?> channel, AbstractChannel<?> sender, Object e,
                                   boolean timed, long deadline) throws InterruptedException {
        final boolean sending = sender != null;
        final ThreadRecord self = ThreadRecord.current();
        int kind = NO_KIND; // the first wait's spin budget, chosen before its poll
        // a receive on a buffered channel that reads its indices only, or the late party of an
        // unbuffered rendezvous, whose partner is about to register (UnbufferedChannel, "The
        // late party polls"), first polls
        if ((!sending && channel.pollsBeforeRegistering())
                || (!timed && self.takeLate() && channel.pollsWhenLate(sending))) {
            final SpinBudget budget = channel.spinBudget;
            kind = budget.kind(self, true);
            final Object r = pollBeforeRegistering(channel, sender, e, budget.pollsBeforeRegistering(kind));
            if (r != Clause.NOT_READY) {
                budget.record(kind, true); // the wait ended while spinning
                return r;
            }
        }
        WaitRecording recording = null; // the ChannelWait event, from the first park; null if not recording
        for (;;) {
            if (timed && deadline - System.nanoTime() <= 0) {
                WaitRecorder.end(recording, WaitRecorder.TIMED_OUT);
                return TIMED_OUT;
            }
            boolean hasDeadline = timed;
            long wakeAt = deadline;
            if (!sending && channel.receiveTimed()) {
                final long d = channel.receiveDeadline();
                if (!hasDeadline || d - wakeAt < 0) {
                    wakeAt = d;
                    hasDeadline = true;
                }
            }
            self.waitEnds(hasDeadline, wakeAt); // a re-check that waits for a partner gives up then
            final Waiter node = new Waiter(self, sending, e);
            final boolean ready;
            if (sending) {
                sender.registerSender(node);
                ready = sender.sendReady(node);
            } else {
                channel.registerReceiver(node);
                ready = channel.receiveReady(node);
            }
            final Object outcome;
            if (ready) {
                if (node.tryCancel()) {
                    outcome = Waiter.CANCELLED;
                } else { // decided, or held by a completer, whose wait may park: recorded as a park is
                    if (node.isHeld()) {
                        recording = WaitRecorder.beforePark(recording, channel, sending);
                    }
                    outcome = node.decidedOutcome(self);
                    WaitRecorder.afterPark(recording, node.hasParked());
                }
            } else {
                node.settle(); // nobody to act on: from here on, partners act on us
                recording = WaitRecorder.beforePark(recording, channel, sending);
                outcome = park(node, self, channel.spinBudget, kind, true, hasDeadline, wakeAt);
                WaitRecorder.afterPark(recording, node.hasParked());
            }
            kind = NO_KIND; // a later wait chooses again, with what has happened since
            if (sending) {
                node.item = null; // plain: a dead node must not keep the element reachable
            } // a receiver's item is null: no store to a line the next matcher reads (head.next)
            if (outcome != Waiter.CANCELLED && outcome != Waiter.WOKEN && outcome != null) {
                // Matched or served: the outcome is the element received, or SENT. The partner
                // found the node at the front and dropped it there (WaitQueue.giveFirst,
                // BufferChannel.serveReceiver/serveSender): no abandon.
                if (outcome != Waiter.SENT) {
                    node.forget(); // the element must not stay reachable from the sentinel
                }
                self.completedByPartner();
                WaitRecorder.end(recording, WaitRecorder.COMPLETED);
                return outcome;
            }
            channel.abandon(node); // cancelled, woken or interrupted: it may sit behind live nodes
            if (outcome == null) { // interrupted, and cancelled before anybody completed us
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
            final Object r = sending ? sender.sendAttempt(e) : channel.receiveAttempt();
            if (r != Clause.NOT_READY) {
                WaitRecorder.end(recording, r == Clause.CLOSED ? WaitRecorder.CLOSED : WaitRecorder.COMPLETED);
                return r;
            }
            if (outcome == Waiter.WOKEN && Thread.currentThread().isInterrupted()) {
                // Woken and interrupted, and what woke us is gone: the interrupt wins.
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
        }
    }

    /**
     * Polls before a plain receive on a buffered channel registers, or a late party's send or
     * receive on an unbuffered one ({@code UnbufferedChannel}, "The late party polls"): {@code polls} times at most,
     * the smaller of {@link SpinBudget#POLLS_BEFORE_REGISTERING} and the wait's spin budget
     * ({@link SpinBudget#kind}), each poll a read only (a buffer's indices, or the head of the
     * other side's wait queue), then one attempt as soon as one reads ready. A poll that gets
     * the element, or finds the channel closed, counts as a wait that ended while spinning.
     * Which channels poll, and when: {@code AbstractReceiveChannel.pollsBeforeRegistering} and
     * {@code pollsWhenLate}.
     *
     * <p>Decided where the issue was silent (2026-12-04, issue 9): a receiver that registers at
     * once is served element by element ({@code BufferChannel.serveReceiver}), and with a sender
     * running just ahead of it every element then costs the sender a look for the waiter, a CAS
     * to hold it, a poll and a store, each on a line the receiver's core holds, and the receiver
     * a new node and a fresh registration. A receiver that polls first costs the sender only a
     * look for a waiter that it does not find;
     * the element moves with two lines, the buffer's index and its slot. Measured on the
     * 2-core build machine ({@code channels-jmh/results/recv-poll/README.md}). Only receivers: a
     * sender on a full buffer that polled instead of registering could no longer be served by
     * the receiver that frees its slot, and in a screening run capacity-1 batches with 1 and 4
     * producers fell from about 1.0 to 0.85 msg/µs when senders polled too. The poll spends the
     * wait's own budget, so behind a partner this thread woke that has not run yet, where that
     * budget falls to zero on one carrier, it polls not at all. Skipping the poll whenever such
     * a partner exists (tried first) lost the round trip's gain: each side of a round trip has
     * just woken the other.
     *
     * <p>A late party's send on an unbuffered channel ({@code sender} not null) polls for a
     * receiver the same way and makes one {@code sendAttempt}.
     *
     * @return the element (a send: {@link Clause#SENT}), {@link Clause#CLOSED}, or
     *         {@link Clause#NOT_READY} if nothing came, or another thread took it first
     */
    private static Object pollBeforeRegistering(AbstractReceiveChannel<?> channel, AbstractChannel<?> sender,
                                                Object e, int polls) {
        for (int i = 0; i < polls; i++) {
            Thread.onSpinWait();
            if (sender != null ? sender.sendReady(null) : channel.receiveReady(null)) {
                return sender != null ? sender.sendAttempt(e) : channel.receiveAttempt();
            }
        }
        return Clause.NOT_READY;
    }

    // ------------------------------------------------------------------------------------------
    // Select

    /**
     * Completes exactly one clause and returns its continuation's result. A select waits for
     * time only through its time-based clauses ({@code onTimeout}, {@code after}, {@code tick},
     * a context's {@code done()}), which complete like any other clause.
     */
    static Object run(SelectClause<?>[] clauses, boolean biased) throws InterruptedException {
        final long start = System.nanoTime();
        final Clause<?> orElse = orElseClause(clauses);
        if (orElse != null) {
            return tryNowOrElse(clauses, biased, start, orElse);
        }
        Object result = tryNow(clauses, biased, start, null, null);
        if (result != NONE) {
            return result;
        }
        final SpinBudget budget = spinBudget(clauses);
        final int shape = shape(clauses);
        final boolean selecting = (shape & SELECTING) != 0;
        final boolean alone = (shape & ALONE) != 0; // one node: completed without a Match
        final ThreadRecord self = ThreadRecord.current();
        WaitRecording recording = null; // the ChannelWait event, from the first park; null if not recording
        for (;;) {
            // Each round asks the time-based clauses again: an after channel whose value another
            // receiver took has no deadline any more, and this wait ends only by its other clauses.
            boolean hasDeadline = false;
            long wakeAt = 0L;
            if ((shape & TIMED) != 0) {
                for (int i = 0; i < clauses.length; i++) {
                    if (at(clauses, i).timed()) {
                        final long d = at(clauses, i).deadline(start);
                        if (!hasDeadline || d - wakeAt < 0) {
                            wakeAt = d;
                            hasDeadline = true;
                        }
                    }
                }
            }
            self.waitEnds(hasDeadline, wakeAt); // a re-check that waits for a partner gives up then
            final Waiter first = registerAll(clauses, biased, selecting, alone);
            // the first node is the select's waiter; a select of timeouts alone needs one of its own
            final Waiter waiter = first != null ? first : new Waiter(selecting);
            final Object outcome;
            if (anyReady(clauses, first, (shape & NODELESS) != 0, start)) {
                if (waiter.tryCancel()) {
                    outcome = Waiter.CANCELLED;
                } else { // as in awaitOne: a wait for a holder is recorded
                    if (waiter.isHeld()) {
                        recording = WaitRecorder.beforePark(recording, clauses);
                    }
                    outcome = waiter.decidedOutcome(self);
                    WaitRecorder.afterPark(recording, waiter.hasParked());
                }
            } else {
                waiter.settle(); // nobody to act on: from here on, partners act on us
                recording = WaitRecorder.beforePark(recording, clauses);
                outcome = park(waiter, self, budget, NO_KIND, !selecting, hasDeadline, wakeAt);
                WaitRecorder.afterPark(recording, waiter.hasParked());
            }
            abandonAll(clauses, first);

            if (outcome instanceof Match match) {
                waiter.forget(); // the outcome no longer keeps the element reachable
                final Clause<?> chosen = at(clauses, match.node().clause());
                WaitRecorder.end(recording, WaitRecorder.COMPLETED);
                return chosen.finish(chosen.matched(match));
            }
            if (alone && outcome != null && outcome != Waiter.CANCELLED && outcome != Waiter.WOKEN) {
                waiter.forget(); // matched: the outcome is the element received, or SENT
                final Clause<?> chosen = at(clauses, first.clause());
                WaitRecorder.end(recording, WaitRecorder.COMPLETED);
                return chosen.finish(outcome);
            }
            if (outcome == null) { // interrupted, and cancelled before anybody completed us
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
            final WaitNode woke = wokenNode(outcome, first);
            if (outcome instanceof WaitNode) {
                // a wake-up names one of our nodes, which may sit in a busy channel's queue and
                // keeps its next: this dead waiter, perhaps an idle channel's sentinel, must not
                // keep it reachable (SelectNodeRetentionTest)
                waiter.forget();
            }
            result = tryNow(clauses, biased, start, woke, recording);
            if (result != NONE) {
                return result;
            }
            if (woke != null && self.thread.isInterrupted()) {
                // Woken and interrupted, and what woke us is gone: the interrupt wins.
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
        }
    }

    /**
     * Step 1 with a default: {@code orElse} may run only if, at one instant, no clause was ready.
     * The scan looks at clauses one at a time, so it counts only if no clause's version moved
     * while it ran (a double collect). Each retry follows another thread's step on one of the
     * channels, or a time-based clause falling due: so this is lock-free, not wait-free. On an
     * unbuffered channel a registration moves the version too (found in review), so threads
     * that keep registering there, such as loops of timed selects, can keep it going round.
     *
     * <p>Why that suffices: a channel clause becomes ready only through a change that moves its
     * version, so one found not ready stayed so until the second reading. A time-based clause
     * ({@link Clause#timed()}) becomes ready with time instead, at any moment, so the scan's
     * look at it says nothing about the end of the scan; but it becomes not ready only when a
     * receiver takes its value, which moves its version ({@link AfterChannel},
     * {@link TickChannel}), so with the versions unchanged one found not ready at the end had
     * been so throughout. Hence the time-based clauses are looked at again after the scan,
     * before the second reading, and any of them ready sends the select round again; the
     * instant at the end of the scan then had no clause ready. Decided 2026-12-06, found in
     * review: before it, an after clause that fell due during the scan, and a clause checked
     * after it that another thread emptied meanwhile, let {@code orElse} run although at every
     * instant one of them was ready ({@code SelectOrElseTimerTest}).
     */
    private static Object tryNowOrElse(SelectClause<?>[] clauses, boolean biased, long start, Clause<?> orElse) {
        for (;;) {
            final long before = versionSum(clauses);
            final Object result = tryNow(clauses, biased, start, null, null);
            if (result != NONE) {
                return result;
            }
            if (anyTimedReady(clauses, start)) {
                continue;
            }
            if (versionSum(clauses) == before) {
                return orElse.finish(null);
            }
        }
    }

    /** Whether a time-based clause is ready now. */
    private static boolean anyTimedReady(SelectClause<?>[] clauses, long start) {
        for (int i = 0; i < clauses.length; i++) {
            final Clause<?> c = at(clauses, i);
            if (c.timed() && c.isReady(null, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Step 1: completes one clause that can proceed now, or returns {@link #NONE}. If the select
     * was woken by {@code woke} and completes another clause, the wake-up is passed on. A
     * {@code recording} (null if none) ends when a clause is chosen.
     *
     * <p>An {@code onTimeout} clause ({@link TimeoutClause}) is chosen only if no other clause
     * is ready when the scan looks, as the contract says ("runs if nothing else became ready in
     * time"): a random select draws among the other ready clauses and falls back on the first
     * expired timeout, a biased one tries the others in order first. Decided 2026-12-06, found
     * in review: until then an expired timeout was one more ready clause in the draw, so
     * {@code select(ready.onReceive(), onTimeout(ZERO, ...))} timed out half the time. Go's
     * {@code case <-time.After(d)} is such a clause, which is what {@code Channels.after(d)}
     * gives; {@code onTimeout} is the select's own deadline.
     */
    private static Object tryNow(SelectClause<?>[] clauses, boolean biased, long start, WaitNode woke,
                                 WaitRecording recording) {
        final int n = clauses.length;
        if (biased || n == 1) {
            boolean anyTimeout = false;
            for (int i = 0; i < n; i++) {
                if (at(clauses, i) instanceof TimeoutClause<?>) {
                    anyTimeout = true; // only if no other clause is ready: see below
                    continue;
                }
                final Object token = at(clauses, i).attempt(start);
                if (token != Clause.NOT_READY) {
                    return complete(clauses, i, token, woke, recording);
                }
            }
            for (int i = 0; anyTimeout && i < n; i++) {
                if (at(clauses, i) instanceof TimeoutClause<?> timeout) {
                    final Object token = timeout.attempt(start);
                    if (token != Clause.NOT_READY) {
                        return complete(clauses, i, token, woke, recording);
                    }
                }
            }
            return NONE;
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        for (;;) {
            int ready = 0;
            int pick = -1;
            int expired = -1; // the first onTimeout that has expired: chosen only if nothing else is ready
            for (int i = 0; i < n; i++) {
                final Clause<?> clause = at(clauses, i);
                if (clause instanceof TimeoutClause<?>) {
                    if (expired < 0 && clause.isReady(null, start)) {
                        expired = i;
                    }
                } else if (clause.isReady(null, start) && random.nextInt(++ready) == 0) {
                    pick = i; // the k-th ready clause replaces the pick with probability 1/k
                }
            }
            if (pick < 0) {
                pick = expired;
            }
            if (pick < 0) {
                return NONE;
            }
            final Object token = at(clauses, pick).attempt(start);
            if (token != Clause.NOT_READY) {
                return complete(clauses, pick, token, woke, recording);
            }
            // Another thread took what made the pick ready; that thread made progress. Look again.
        }
    }

    private static Object complete(SelectClause<?>[] clauses, int chosen, Object token, WaitNode woke,
                                   WaitRecording recording) {
        if (woke != null && woke.clause() != chosen) {
            at(clauses, woke.clause()).forwardWake(woke);
        }
        WaitRecorder.chose(recording, at(clauses, chosen), token);
        return at(clauses, chosen).finish(token);
    }

    /**
     * Step 2: a node on every channel clause's queue, in {@link #registrationOrder registration
     * order}. The first node registered is the select's waiter and heads the list of the others
     * ({@link SelectWaiter#members()}), so that nothing but the nodes is allocated.
     *
     * <p>An {@link Error} thrown between two registrations (an {@link OutOfMemoryError}
     * allocating a later node) cancels and unlinks the nodes already registered before it
     * propagates. Left live, the first of them would never settle, and an unbuffered partner of
     * a larger thread id that met it in its re-check would wait for it forever
     * ({@code UnbufferedChannel.findPartner}). If a partner completed a node before the cancel,
     * that completion goes with the error: the select reports the error, not the clause. A
     * wake-up that came meanwhile (a buffered channel's sender found the select the oldest
     * receiver) is passed on, as when a select completes another clause. Not covered: a
     * {@link StackOverflowError} inside an append, between linking the node and returning.
     *
     * @return the first node, or null if no clause waits on a channel
     */
    private static Waiter registerAll(SelectClause<?>[] clauses, boolean biased, boolean selecting,
                                      boolean alone) {
        final int n = clauses.length;
        Waiter first = null;
        try {
            if (biased || n == 1) {
                for (int i = 0; i < n; i++) {
                    first = register(clauses, i, first, selecting, alone);
                }
            } else {
                final int[] spill = n > PACKED_ORDER_MAX ? new int[n] : null;
                final long packed = registrationOrder(n, spill);
                for (int k = 0; k < n; k++) {
                    first = register(clauses, placeAt(packed, spill, k), first, selecting, alone);
                }
            }
        } catch (Throwable t) {
            if (first != null) {
                final Object outcome = cancelOrOutcome(first, ThreadRecord.current());
                abandonAll(clauses, first);
                // A completion is lost with t; a wake-up is another waiter's and is passed on.
                final WaitNode woke = wokenNode(outcome, first);
                first.forget(); // decided: the dead waiter keeps neither a lost element nor a woken node reachable
                if (woke != null) {
                    at(clauses, woke.clause()).forwardWake(woke);
                }
            }
            throw t;
        }
        return first;
    }

    /** Registers clause {@code i}, owned by {@code first} if not null; returns the first node. */
    private static Waiter register(SelectClause<?>[] clauses, int i, Waiter first, boolean selecting,
                                   boolean alone) {
        final WaitNode node = at(clauses, i).register(first, selecting, alone, i);
        if (node == null) {
            return first;
        }
        if (first == null) {
            return (Waiter) node; // the first node registered is the select's waiter
        }
        ((SelectWaiter) first).add((SelectNode) node); // more than one node: see WaitNode.forSelect
        return first;
    }

    /** The most clauses whose registration order fits a {@code long}, four bits an index. */
    static final int PACKED_ORDER_MAX = 16;

    /**
     * The order to register in for {@code select}: a uniformly random permutation of
     * {@code 0..n-1} (inside-out Fisher-Yates), because a partner that arrives later takes the
     * oldest node, and two clauses on one channel must each be as likely to be that node (Go
     * shuffles its wait order too). {@code selectBiased} and single clauses register in argument
     * order. For up to {@value #PACKED_ORDER_MAX} clauses the order is packed in the returned
     * {@code long}, place {@code k} in bits {@code 4k..4k+3}, so that nothing is allocated, and
     * {@code spill} is null; beyond, it is written to {@code spill} (length {@code n}) and the
     * returned value is meaningless. Read it back with {@link #placeAt}.
     */
    static long registrationOrder(int n, int[] spill) {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        long packed = 0;
        for (int i = 0; i < n; i++) { // order[i] = order[j]; order[j] = i
            final int j = random.nextInt(i + 1);
            packed = place(packed, spill, i, placeAt(packed, spill, j));
            packed = place(packed, spill, j, i);
        }
        return packed;
    }

    /** The clause registered {@code k}-th in an order from {@link #registrationOrder}. */
    static int placeAt(long packed, int[] spill, int k) {
        return spill == null ? (int) (packed >>> (4 * k)) & 0xF : spill[k];
    }

    /** Puts {@code clause} in place {@code k}; returns the packed order. */
    private static long place(long packed, int[] spill, int k, int clause) {
        if (spill != null) {
            spill[k] = clause;
            return packed;
        }
        return packed & ~(0xFL << (4 * k)) | (long) clause << (4 * k);
    }

    /**
     * Step 3: whether a clause became ready while we registered: each node's clause with the
     * node, and, if there are any ({@code nodeless}), each clause without a node (a timeout) by
     * itself. Wakes no one; on an unbuffered channel it may wait for a partner that is
     * re-checking too, to learn which of the two acts ({@link UnbufferedChannel}).
     */
    private static boolean anyReady(SelectClause<?>[] clauses, Waiter first, boolean nodeless, long start) {
        if (first != null && at(clauses, first.clause()).isReady(first, start)) {
            return true;
        }
        for (SelectNode node = members(first); node != null; node = node.previousMember()) {
            if (at(clauses, node.clause()).isReady(node, start)) {
                return true;
            }
        }
        for (int i = 0; nodeless && i < clauses.length; i++) {
            if (!at(clauses, i).registersNode() && at(clauses, i).isReady(null, start)) {
                return true;
            }
        }
        return false;
    }

    /** The select's outcome is fixed, so its nodes are dead: let their queues drop them. */
    private static void abandonAll(SelectClause<?>[] clauses, Waiter first) {
        if (first == null) {
            return;
        }
        SelectNode node = members(first);
        if (node != null) {
            ((SelectWaiter) first).clearMembers(); // a dead node still linked in a queue keeps no other alive
        }
        abandon(clauses, first);
        while (node != null) {
            final SelectNode next = node.previousMember();
            node.dropLink(); // our outcome is decided: the node it names, in another queue, may go
            abandon(clauses, node);
            node = next;
        }
    }

    private static void abandon(SelectClause<?>[] clauses, WaitNode node) {
        node.item = null; // plain: a dead node's element must not outlive the operation
        at(clauses, node.clause()).abandon(node);
    }

    /**
     * The node whose wake-up {@code outcome} is, or null if it is none: a wake-up of the
     * select's waiter ({@link Waiter#WOKEN}) is one of {@code first}.
     */
    private static WaitNode wokenNode(Object outcome, Waiter first) {
        return outcome instanceof WaitNode node ? node : outcome == Waiter.WOKEN ? first : null;
    }

    /** The select's nodes after its first, if it has more than one (see {@link WaitNode#forSelect}). */
    private static SelectNode members(Waiter first) {
        return first instanceof SelectWaiter head ? head.members() : null;
    }

    // ------------------------------------------------------------------------------------------
    // Shared steps

    /** A re-check found a clause ready: stop waiting, unless a partner completed us first. */
    private static Object cancelOrOutcome(Waiter waiter, ThreadRecord self) {
        return waiter.tryCancel() ? Waiter.CANCELLED : waiter.decidedOutcome(self);
    }

    /**
     * Step 4: waits for the outcome, then fixes it.
     *
     * @param self the waiter's owner's record, the current thread's
     * @param chosen the budget {@link SpinBudget#kind} already chose for this wait, or
     *        {@link #NO_KIND} to choose it here
     * @param shared whether the wait may publish and read the channel's queued partner
     *        ({@link SpinBudget#kind}): not for a select over several channels
     * @return the outcome; {@link Waiter#CANCELLED} on timeout; {@code null} if the thread was
     *         interrupted and cancelled the wait before anyone completed it
     */
    private static Object park(Waiter waiter, ThreadRecord self, SpinBudget budget, int chosen, boolean shared,
                               boolean timed, long deadline) {
        // a partner woken here that has not run yet probably waits for a busy carrier
        final int kind;
        final int spins;
        if (budget != null) {
            kind = chosen != NO_KIND ? chosen : budget.kind(self, shared);
            spins = budget.spins(kind);
        } else {
            self.takeWoken(); // no spin here, but the wake-up is answered all the same
            kind = SpinBudget.USUAL;
            spins = 0;
        }
        final Object outcome = waiter.await(self, spins, timed, deadline);
        if (outcome != null) {
            if (budget != null) {
                budget.record(kind, !waiter.hasParked());
            }
            return outcome;
        }
        final boolean interrupted = self.thread.isInterrupted();
        if (waiter.tryCancel()) {
            return interrupted ? null : Waiter.CANCELLED;
        }
        return waiter.decidedOutcome(self); // completed while we gave up: that wins
    }

    private static Clause<?> orElseClause(SelectClause<?>[] clauses) {
        Clause<?> orElse = null;
        for (int i = 0; i < clauses.length; i++) {
            if (at(clauses, i).isDefault()) {
                if (orElse != null) {
                    throw new IllegalArgumentException("a select takes at most one orElse clause");
                }
                orElse = at(clauses, i);
            }
        }
        return orElse;
    }

    /** The first channel clause's spin budget; null if no clause waits on a channel. */
    private static SpinBudget spinBudget(SelectClause<?>[] clauses) {
        for (int i = 0; i < clauses.length; i++) {
            final SpinBudget b = at(clauses, i).spinBudget();
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** {@link #shape}: more than one clause is on a channel that spins (see {@link Waiter#SELECTING}). */
    private static final int SELECTING = 1;
    /** {@link #shape}: exactly one clause registers a node, which is completed without a {@link Match}. */
    private static final int ALONE = 1 << 1;
    /** {@link #shape}: some clause registers no node (a timeout) and is re-checked by itself. */
    private static final int NODELESS = 1 << 2;
    /** {@link #shape}: some clause becomes ready at a time. */
    private static final int TIMED = 1 << 3;

    /** What waiting needs to know about a select without an orElse, in one pass. */
    private static int shape(SelectClause<?>[] clauses) {
        int channels = 0;
        int nodes = 0;
        int shape = 0;
        for (int i = 0; i < clauses.length; i++) {
            final Clause<?> c = at(clauses, i);
            if (c.spinBudget() != null) {
                channels++;
            }
            if (c.registersNode()) {
                nodes++;
            } else {
                shape |= NODELESS;
            }
            if (c.timed()) {
                shape |= TIMED;
            }
        }
        return shape | (channels > 1 ? SELECTING : 0) | (nodes == 1 ? ALONE : 0);
    }

    /**
     * The sum of the clauses' {@linkplain Clause#version() versions}, each {@linkplain #fold
     * folded}: versions only grow, so the sum is unchanged only if every one is.
     */
    static long versionSum(SelectClause<?>[] clauses) {
        long sum = 0;
        for (int i = 0; i < clauses.length; i++) {
            sum += fold(at(clauses, i).version());
        }
        return sum;
    }

    /**
     * A version with its two marks counted as one each: a close sets bit 62 ({@code
     * ProducerIndex.CLOSED_BIT}, and {@code UnbufferedChannel}'s version likewise), a cancel bit
     * 61 ({@code ConsumerIndex.DISCARD_BIT}); the rest, positions and sequence numbers, stays far
     * below bit 61. Summed unfolded, four closes during one scan (two channels with a send and a
     * receive clause each, say) would add 2<sup>64</sup> and leave the sum where it was, and
     * {@code orElse} could run while a clause was ready (found in review, 2026-12-06). Folded,
     * the sum of {@code k} clauses moves by one at least for every close, cancel, position and
     * registration between two readings, and equal sums need 2<sup>64</sup> of them.
     */
    static long fold(long version) {
        final long marks = ProducerIndex.CLOSED_BIT | ConsumerIndex.DISCARD_BIT;
        return (version & ~marks) + ((version & ProducerIndex.CLOSED_BIT) != 0 ? 1 : 0)
                + ((version & ConsumerIndex.DISCARD_BIT) != 0 ? 1 : 0);
    }

    /** The clauses were checked to be this implementation's before the select started. */
    private static Clause<?> at(SelectClause<?>[] clauses, int i) {
        return (Clause<?>) clauses[i];
    }
}
