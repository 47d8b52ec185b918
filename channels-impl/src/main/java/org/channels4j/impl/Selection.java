package org.channels4j.impl;

import java.util.concurrent.ThreadLocalRandom;
import org.channels4j.SelectClause;

/**
 * The select protocol, which every blocking operation runs: a plain {@code receive} is a select
 * with one clause.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li><b>Try.</b> Attempt the clauses without registering anywhere: in argument order for a
 *       biased select, otherwise on a clause drawn uniformly among those that report ready
 *       (reservoir sampling, so nothing is allocated). If one completes, run its continuation.
 *       If none can and there is an {@code orElse}, run it.</li>
 *   <li><b>Register.</b> Create one {@link Waiter} and append a {@link WaitNode} for each
 *       channel clause to that channel's queue. Time-based clauses contribute a deadline.</li>
 *   <li><b>Re-check.</b> Ask every clause whether it is ready now. Registration is a CAS and
 *       every readiness check reads the other side's index or queue with volatile semantics, so
 *       a thread that made a clause ready either sees our node and wakes it, or we see its
 *       change here (the Dekker pattern: publish, then look). If a clause is ready, cancel our
 *       own waiter, so that nobody can complete it meanwhile, and go back to step 1.</li>
 *   <li><b>Park</b> until the waiter's outcome is set, the earliest deadline passes or the
 *       thread is interrupted.</li>
 * </ol>
 *
 * <h2>States of the waiter and who moves them</h2>
 * The waiter's {@code outcome} goes once from "waiting" to:
 * <ul>
 *   <li>a {@link Match}, set by an unbuffered partner on another thread: that clause is
 *       <em>committed</em>, its element already exchanged; the select only runs the
 *       continuation;</li>
 *   <li>one of its nodes, set by a sender or receiver that changed a buffered channel, or by
 *       {@code close}: a wake-up to go back to step 1. If the select then completes a different
 *       clause, it forwards the wake-up to the next waiter of that node's queue, so that no
 *       element or free slot is left with nobody told about it;</li>
 *   <li>{@link Waiter#CANCELLED}, set by the select itself on timeout, interrupt or a ready
 *       re-check.</li>
 * </ul>
 * A single CAS decides each of these, so at most one clause is ever committed on the select's
 * behalf by another thread, and if that happens the select completes nothing else: every
 * completion the select makes itself happens after its outcome is already set.
 *
 * <h2>Linearization</h2>
 * A select takes effect at the linearization point of the one operation it completes: the
 * winning CAS of a {@link Match} for a committed clause, or the buffer CAS or partner CAS of
 * an attempt it made itself. {@code orElse} takes effect during step 1, after every clause was
 * seen not ready.
 *
 * <h2>Trade-offs</h2>
 * A woken select re-tries rather than receiving the element along with the wake-up, as
 * crossbeam does for its array channel: a buffered element stays in the buffer, so FIFO order
 * across producers is kept, at the cost of letting an arriving thread overtake a woken one.
 * A select that must restart (its re-check found a clause ready, but another thread took it
 * first) only does so because some other operation completed.
 */
final class Selection {
    /** What a plain timed operation gets when its deadline passes first. */
    static final Object TIMED_OUT = new Marker("TIMED_OUT");
    /** No clause could complete. */
    private static final Object NONE = new Marker("NONE");

    private Selection() {
    }

    /** A plain blocking operation: one clause, with an optional deadline. */
    static Object await(Clause<?> clause, boolean timed, long deadline) throws InterruptedException {
        return run(new SelectClause<?>[] {clause}, true, timed, deadline);
    }

    /**
     * Completes exactly one clause and returns its continuation's result, or {@link #TIMED_OUT}
     * if {@code timed} and {@code deadline} passed first.
     */
    static Object run(SelectClause<?>[] clauses, boolean biased, boolean timed, long deadline)
            throws InterruptedException {
        final long start = System.nanoTime();
        Clause<?> orElse = null;
        SpinBudget budget = null;
        int channelClauses = 0;
        for (SelectClause<?> sc : clauses) {
            final Clause<?> c = (Clause<?>) sc;
            if (c.isDefault()) {
                if (orElse != null) {
                    throw new IllegalArgumentException("a select takes at most one orElse clause");
                }
                orElse = c;
            }
            final SpinBudget b = c.spinBudget();
            if (b != null) {
                channelClauses++;
                budget = budget == null ? b : budget;
            }
        }

        Object result;
        if (orElse != null) {
            // Double collect: orElse may run only if, at one instant, no clause was ready. The
            // scan looks at clauses one at a time, so it counts only if no clause's version
            // moved while it ran. Each retry follows another thread's completed operation.
            for (;;) {
                final long before = versionSum(clauses);
                result = tryNow(clauses, biased, start, null, null);
                if (result != NONE) {
                    return result;
                }
                if (versionSum(clauses) == before) {
                    return orElse.finish(null);
                }
            }
        }
        result = tryNow(clauses, biased, start, null, null);
        if (result != NONE) {
            return result;
        }
        WaitRecording recording = null; // the ChannelWait event, from the first park; null if not recording
        for (;;) {
            if (timed && deadline - System.nanoTime() <= 0) {
                WaitRecorder.end(recording, WaitRecorder.TIMED_OUT);
                return TIMED_OUT;
            }
            final Waiter waiter = new Waiter(channelClauses > 1);
            final WaitNode[] nodes = new WaitNode[clauses.length];
            boolean hasDeadline = timed;
            long wakeAt = deadline;
            final int[] order = registrationOrder(clauses.length, biased);
            for (int k = 0; k < clauses.length; k++) {
                final int i = order == null ? k : order[k];
                nodes[i] = at(clauses, i).register(waiter, i);
                if (at(clauses, i).timed()) {
                    final long d = at(clauses, i).deadline(start);
                    if (!hasDeadline || d - wakeAt < 0) {
                        wakeAt = d;
                        hasDeadline = true;
                    }
                }
            }

            boolean interrupted = false;
            Object outcome;
            if (anyReady(clauses, nodes, start)) {
                outcome = waiter.tryCancel() ? Waiter.CANCELLED : waiter.outcome();
            } else {
                recording = WaitRecorder.beforePark(recording, clauses);
                outcome = waiter.await(budget == null ? 0 : budget.spins(), hasDeadline, wakeAt);
                WaitRecorder.afterPark(recording, waiter.parked);
                if (outcome == null) {
                    interrupted = waiter.thread.isInterrupted();
                    outcome = waiter.tryCancel() ? Waiter.CANCELLED : waiter.outcome();
                } else if (budget != null) {
                    budget.record(!waiter.parked);
                }
            }
            abandonAll(clauses, nodes);

            if (outcome instanceof Match match) {
                waiter.forget(); // the outcome no longer keeps the element reachable
                final Clause<?> chosen = at(clauses, match.node().clause);
                WaitRecorder.end(recording, WaitRecorder.COMPLETED);
                return chosen.finish(chosen.matched(match));
            }
            if (interrupted && outcome == Waiter.CANCELLED) {
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
            final WaitNode woke = outcome instanceof WaitNode node ? node : null;
            result = tryNow(clauses, biased, start, woke, recording);
            if (result != NONE) {
                return result;
            }
            if (woke != null && waiter.thread.isInterrupted()) {
                // Woken and interrupted, and what woke us is gone: the interrupt wins.
                WaitRecorder.end(recording, WaitRecorder.INTERRUPTED);
                Thread.interrupted();
                throw new InterruptedException();
            }
        }
    }

    /**
     * Step 1: completes one clause that can proceed now, or returns {@link #NONE}. If the select
     * was woken by {@code woke} and completes another clause, the wake-up is passed on. A
     * {@code recording} (null if none) ends when a clause is chosen.
     */
    private static Object tryNow(SelectClause<?>[] clauses, boolean biased, long start, WaitNode woke,
                                 WaitRecording recording) {
        final int n = clauses.length;
        if (biased || n == 1) {
            for (int i = 0; i < n; i++) {
                final Object token = at(clauses, i).attempt(start);
                if (token != Clause.NOT_READY) {
                    return complete(clauses, i, token, woke, recording);
                }
            }
            return NONE;
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        for (;;) {
            int ready = 0;
            int pick = -1;
            for (int i = 0; i < n; i++) {
                if (at(clauses, i).isReady(null, start) && random.nextInt(++ready) == 0) {
                    pick = i; // the k-th ready clause replaces the pick with probability 1/k
                }
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
        if (woke != null && woke.clause != chosen) {
            at(clauses, woke.clause).forwardWake(woke);
        }
        WaitRecorder.chose(recording, at(clauses, chosen), token);
        return at(clauses, chosen).finish(token);
    }

    /**
     * The order to register in: a uniformly random permutation for {@code select}, because a
     * partner that arrives later takes the oldest node, and two clauses on one channel must
     * each be as likely to be that node (Go shuffles its wait order too); argument order
     * ({@code null}) for {@code selectBiased} and single clauses.
     */
    private static int[] registrationOrder(int n, boolean biased) {
        if (biased || n == 1) {
            return null;
        }
        final int[] order = new int[n];
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) { // inside-out Fisher-Yates
            final int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return order;
    }

    /** Versions only grow, so their sum is unchanged only if every one is. */
    private static long versionSum(SelectClause<?>[] clauses) {
        long sum = 0;
        for (int i = 0; i < clauses.length; i++) {
            sum += at(clauses, i).version();
        }
        return sum;
    }

    /** The clauses were checked to be this implementation's before the select started. */
    private static Clause<?> at(SelectClause<?>[] clauses, int i) {
        return (Clause<?>) clauses[i];
    }

    private static boolean anyReady(SelectClause<?>[] clauses, WaitNode[] nodes, long start) {
        for (int i = 0; i < clauses.length; i++) {
            if (at(clauses, i).isReady(nodes[i], start)) {
                return true;
            }
        }
        return false;
    }

    /** The waiter's outcome is fixed, so its nodes are dead: let their queues drop them. */
    private static void abandonAll(SelectClause<?>[] clauses, WaitNode[] nodes) {
        for (int i = 0; i < clauses.length; i++) {
            final WaitNode node = nodes[i];
            if (node != null) {
                node.item = null; // plain: a dead node's element must not outlive the operation
                at(clauses, i).abandon(node);
            }
        }
    }
}
