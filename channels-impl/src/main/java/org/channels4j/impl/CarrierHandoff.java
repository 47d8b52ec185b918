package org.channels4j.impl;

/**
 * The partner a virtual thread has just woken, and whether it still waits for this carrier.
 *
 * <p>When a virtual thread unparks another, JDK 25 queues the woken thread on the waker's own
 * carrier. If the waker then waits and spins, the partner it woke, the one most likely to end
 * that wait, cannot run there: it runs only when the waker parks, or when another carrier
 * steals it. With more runnable virtual threads than carriers (a busy pipeline, or
 * {@code jdk.virtualThreadScheduler.parallelism=1}) nobody steals it, and every spin is wasted.
 * JDK 25's {@code SynchronousQueue} tests for this directly, "does my carrier have queued work"
 * ({@code ForkJoinWorkerThread.hasKnownQueuedWork}), which is not public API. This class tests
 * the one partner that matters: a completer that unparked a parked virtual owner remembers the
 * owner's {@link ResumeCount} and its parity, which the owner stored with
 * {@link WaitNode#PARKED} ({@link #unparked}); the owner counts one more resume once it runs
 * again; and when the completer next waits, a partner whose count still has that parity makes
 * it spin on the channel's budget "behind its own queued partner" ({@link SpinBudget#kind}),
 * which drops to no spin at all where spinning there never pays, instead of the usual one. It
 * also publishes that partner in the channel's budget, for the other threads that wait there
 * before the partner runs (one carrier, several producers: a producer the consumer woke has
 * woken nobody itself).
 *
 * <p>Measured on the 2-core build machine (JDK 25.0.3, JMH, 3 forks a cell, the peers in the
 * same run; {@code channels-jmh/results/queued-partner/README.md}): on one carrier the
 * unbuffered handoff went from 2,347 to 416 ns a message ({@code SynchronousQueue} 328) and
 * capacity-0 batch throughput with one producer from 0.30 to 2.63 msg/µs; on two carriers no
 * cell got worse within one of the machine's two modes (its two CPUs close or far apart, which
 * moves every two-carrier figure 2–4 times). This replaces the earlier rule, "a waker yields its
 * carrier every 64 polls while it spins", which kept one-carrier handoffs at about 2,350 ns:
 * each wait still spun first, and each yield went through the scheduler's shared queue.
 *
 * <p>Decided where the issue was silent: the budget behind a queued partner may fall to zero,
 * unlike the usual one, because with one carrier such a spin can only end by being given up;
 * parking at once for good (the exploration's rule) doubled the two-carrier round trip, as once
 * one side parks at once every later message parks too, so the budget adapts instead and
 * probes.
 *
 * <p>JDK 21 queues the woken thread on the waker's carrier too, and there the other carrier may
 * not take it at all while the waker spins: a probe with no channel in it
 * ({@code .ci/probes/WakeThenSpin.java}, 2026-12-05) found 102 of 2,000 woken virtual threads
 * not run after 2 s of their waker's spin on JDK 21.0.13, and none on JDK 25.0.3. Here that
 * costs at most a spin budget: a wait for a partner (a match, a serve, a holder's release)
 * spins a bounded number of times and then parks, which frees the carrier for the partner. The
 * waits that spin without bound on a virtual thread (those {@link DependentWait} lists: a
 * buffer position claimed and not yet published or not yet freed, the {@code DROP_OLDEST}
 * chain, a cancel's drain, an unbuffered partner's re-check) wait for a thread in the middle of
 * its own step, which is mounted, never for one that is queued.
 *
 * <p>The remembered partner is two fields of the waker's own {@link ThreadRecord}, written only
 * by a waker that actually unparked and read and cleared once per wait: both already off the
 * fast path. Platform threads never write them: they have no carrier to share.
 *
 * <p><b>Retention.</b> What is remembered, by the waker and by the channel's budget, is the
 * partner's {@link ResumeCount}, an object that references nothing: never its node, nor its
 * record. Until 2026-12-03 the slot held the woken
 * {@link Waiter}; a node keeps its {@code next} (nodes are never self-linked), so a virtual
 * thread that woke a partner and then did anything but wait on a channel kept every node later
 * appended to that queue reachable: memory growing with the channel's traffic. Remembering the
 * partner's record (d2c1523) would have chained records instead: each names the next partner's,
 * and each keeps its thread. {@code CarrierHandoffRetentionTest} checks both with weak
 * references.
 */
final class CarrierHandoff {
    private CarrierHandoff() {
    }

    /**
     * Called by a thread that just unparked {@code owner}, which parked with {@code parity}
     * ({@link WaitNode#PARK_PARITY}): a virtual thread that woke a virtual thread remembers it.
     */
    static void unparked(ThreadRecord owner, boolean parity) {
        if (owner.thread.isVirtual() && Thread.currentThread().isVirtual()) {
            ThreadRecord.current().rememberWoken(owner, parity);
        }
    }
}
