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
 * the one partner that matters: a completer that unparked a parked virtual owner remembers its
 * node ({@link #unparked}); the owner sets {@link WaitNode#RESUMED} once it runs again; and
 * when the completer next waits, a partner that has not resumed
 * ({@link #partnerStillQueued}) makes it spin on the channel's "behind a queued partner" budget
 * ({@link SpinBudget#spinsBehindPartner()}), which drops to no spin at all where spinning there
 * never pays, instead of the usual one.
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
 * <p>The remembered node is one {@code Waiter[]} slot per thread, written only by a waker that
 * actually unparked and read and cleared once per wait: both already off the fast path.
 * Platform threads never touch it: they have no carrier to share.
 *
 * <p><b>Known defect.</b> The slot keeps its node reachable until the thread's next wait or its
 * end, and a wait-queue node keeps its {@code next} (nodes are never self-linked), so it also
 * keeps every node appended to that queue after it reachable: memory that grows with the
 * channel's traffic while a virtual thread that woke a partner goes on without waiting on a
 * channel. The fix is to remember something that does not link into the queue (for example a
 * per-thread record that the owner marks when it resumes); not done yet.
 */
final class CarrierHandoff {
    private static final ThreadLocal<Waiter[]> WOKEN = ThreadLocal.withInitial(() -> new Waiter[1]);

    private CarrierHandoff() {
    }

    /** Called by a thread that just unparked {@code woken}'s owner. */
    static void unparked(Waiter woken) {
        if (woken.thread.isVirtual() && Thread.currentThread().isVirtual()) {
            WOKEN.get()[0] = woken;
        }
    }

    /**
     * Called by a virtual thread about to wait: whether the partner it unparked since its last
     * wait has not run since; forgets the partner either way, so each unpark informs one wait.
     */
    static boolean partnerStillQueued() {
        final Waiter woken = takeWoken();
        return woken != null && !woken.isResumed();
    }

    /** The node whose owner the current thread unparked since it last asked, or {@code null}. */
    static Waiter takeWoken() {
        final Waiter[] slot = WOKEN.get();
        final Waiter woken = slot[0];
        slot[0] = null;
        return woken;
    }
}
