package org.channels4j.impl;

/**
 * How long a thread about to block on a channel polls before it parks: a budget that adapts to
 * what spinning has been buying on that channel, doubled when a wait ended while spinning,
 * halved when it had to park anyway, between {@link #MIN_SPINS} and {@link #MAX_SPINS}; zero
 * on a single CPU, where spinning only delays the thread that would end the wait. The budgets
 * are plain fields updated racily on purpose: a lost update only mistunes a heuristic, and a
 * shared atomic would put a contended cache line on the blocking path.
 *
 * <p><b>Virtual threads spin too, on the same budget.</b> When a virtual thread unparks
 * another, JDK 25 queues the woken thread on the waker's carrier, so a waker that then spins
 * keeps its partner off that carrier until another carrier steals it; parking at once avoids
 * that, but then every handoff parks and unparks, and waking an idle carrier is an OS-level
 * wake-up. Measured on the 2-core build machine (JDK 25.0.3, two virtual threads, 3 JVMs each),
 * parking at once made an unbuffered handoff about 1.8 times slower (about 1,900 against
 * 1,070 ns a message) and an unbuffered round trip about 1.5 times slower, while a capacity-16
 * round trip was about 1.2 times faster; the adaptive budget keeps the spin short where it
 * does not pay. JDK 25's {@code SynchronousQueue} spins only while the carrier has no queued
 * work, a test that is not public API.
 *
 * <p><b>Behind a queued partner.</b> A virtual thread spins on one of two other budgets when a
 * partner that some waiter on this channel unparked has not run since ({@link #kind}):
 * <ul>
 *   <li>{@link #OWN_PARTNER}: this thread unparked it itself ({@link CarrierHandoff}), so it is
 *       very likely queued on this very carrier, and the spin can end only if another carrier
 *       steals it;</li>
 *   <li>{@link #OTHERS_PARTNER}: another waiter here found its own so and published it in this
 *       budget. On one carrier that is exact, the partner waits for this carrier too; on more it
 *       is a guess, as the partner may be queued on another carrier and about to end this very
 *       wait, which is why this case learns on a budget of its own.</li>
 * </ul>
 * Both have the same doubling and halving, but halve down to zero, and at zero still probe with
 * {@link #PARTNER_PROBE_SPINS} polls now and then, so that a channel whose threads move to idle carriers
 * finds out: {@value #PROBE_EVERY} waits at zero after the budget got there or after a probe
 * paid, then twice as many after each probe that did not pay, up to {@value #PROBE_GAP_MAX}.
 *
 * <p>Decided where the issue was silent (2026-12-04, issue 9): the probes used to come one wait
 * in {@value #PROBE_EVERY} for as long as the budget stayed at zero. On one carrier such a
 * probe can never pay, as the partner it waits for is queued behind this very thread, and a
 * CPU-time profile of the one-carrier handoff put about 4% of its samples in that spin
 * ({@code channels-jmh/results/one-carrier-ablation/}). Backing off, 6 interleaved forks each
 * on one carrier: the handoff 442 → 414 ns, capacity-0 batches 2.64 → 2.75 (one producer) and
 * 2.46 → 2.64 msg/µs (four), {@code SynchronousQueue} 389 ns, 3.31 and 3.17
 * ({@code channels-jmh/results/probe-backoff/}); on two carriers, where a channel whose
 * partners start to run elsewhere still finds out within {@value #PROBE_GAP_MAX} waits, no cell
 * moved beyond its spread. Never probing (also measured) gained no more, and would leave a
 * zero budget at zero for good.
 *
 * <p>Decided where the issue was silent (2026-12-06, issue 9): a probe is
 * {@link #PARTNER_PROBE_SPINS} polls, the whole {@link #MAX_SPINS} when the scheduler has more
 * than one carrier, and a probe that pays sets the budget to that. Until then a probe was
 * {@link #MIN_SPINS} polls (well under a microsecond) everywhere. With two carriers that is
 * shorter than an idle carrier's wake-up, so a probe behind a partner queued on this carrier
 * never paid, even where the other carrier would have stolen the partner: once both sides of a
 * round trip had reached zero, every message parked and unparked, and the chain ran until
 * chance broke it. Counters in a scratch build showed every park of the capacity-0 round trip on
 * virtual threads to be such a zero-budget wait behind the waker's own partner: 0.10 to 0.16 of
 * the matches in the forks that ran at 1,400 to 1,450 ns a round trip, 0.04 in those at 470 ns.
 * With the long probe, 5 forks each in one sitting, rotated, with {@code SynchronousQueue}:
 * the round trip 337 ns (290 to 371, 1.28&times; between forks) against 426 (301 to 779,
 * 2.59&times;) before and 285 for {@code SynchronousQueue}; capacity-0 batches of one producer
 * 5.28 msg/&micro;s (4.85 to 5.58) against 4.62 (2.27 to 5.50) and 7.77
 * ({@code channels-jmh/results/partner-probe/}). On one carrier, where nothing steals the
 * partner and a long probe could only be given up, it stays {@link #MIN_SPINS}.
 *
 * <p>Decided where the issue was silent (2026-12-03): the second case was added for several
 * producers on one carrier. There a producer woken by the consumer has woken nobody itself, so
 * it used to spin the usual budget, at least {@link #MIN_SPINS} polls, all wasted, while the
 * consumer that would end its wait sat queued behind it on the same carrier; capacity-0 batch
 * throughput with 4 producers stayed near 2.0 msg/µs against {@code SynchronousQueue}'s 3.3.
 * With this rule, 2.34–2.47 against 1.70–1.89 msg/µs, 3 forks each, {@code SynchronousQueue}
 * 2.11–3.07 in the same sitting; on two carriers no cell moved beyond the spread.
 * Letting the usual budget of virtual threads fall to zero instead (tried first) recovered
 * that, but made the two-carrier round trip about 1.9 times slower: once it reached zero,
 * nothing brought the spin back where it pays ({@code channels-jmh/results/queued-partner-shared/}).
 * A select over several channels neither publishes nor reads the entry: it spins on its first
 * channel's budget, and that channel's partners say nothing about the others'.
 *
 * <p><b>Platform threads</b> spin on the usual budget too, with one difference: at the floor,
 * one wait in {@value #FLOOR_PROBE_EVERY} spins the whole {@link #MAX_SPINS} as a probe
 * ({@link #PLATFORM_PROBE}), and a probe that pays sets the budget to that. Decided where the
 * issue was silent (2026-12-04, issue 9): the halving and doubling alone have two stable states
 * between two platform threads. Once both park, a partner needs an OS wake-up (several µs here)
 * before it answers, which no spin at the floor (16 polls, well under a microsecond) outlasts,
 * so every wait parks and the budget stays at the floor; doubling from there never reaches a
 * spin that pays. Measured on the 2-core build machine, capacity 0, one sender and one
 * receiver: 0.13 msg/µs (forks 0.07-0.24) before, 1.58 (1.46-1.81) with the probe,
 * {@code SynchronousQueue} 0.20 ({@code channels-jmh/results/platform-probe/}; this code, in a
 * later sitting, 0.20 before and 1.50 after, against 0.20). The price: at the floor, one wait in
 * {@value #FLOOR_PROBE_EVERY} spins about 20 µs before it parks, on a CPU, bounded. With four
 * senders on two cores that spin takes a core a sender could use: 0.29 msg/µs before and 0.41
 * after, against {@code SynchronousQueue}'s 0.44 in the same sitting, and level with it over
 * four sittings (0.46 against 0.46, {@code channels-jmh/results/platform-c0-0cdf4d3/}). Letting
 * a waiter behind others in the queue park at once, {@code SynchronousQueue}'s rule, made that
 * cell 1.8 times slower ({@code platform-4x1-position/}). A virtual thread does not
 * probe so: its partner is woken by a submit to a carrier, not by the OS, and its spin holds
 * that carrier.
 */
final class SpinBudget {
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
    private static final int MIN_SPINS = MAX_SPINS == 0 ? 0 : 1 << 4;

    /**
     * The most polls a plain receive on a buffered channel, or the late party of a rendezvous on
     * an unbuffered one ({@code UnbufferedChannel}, "The late party polls"), makes before it
     * registers ({@code Selection.pollBeforeRegistering}), fewer if the wait's budget is
     * smaller; none on a single CPU. About a microsecond on the build machine: a sender running
     * just ahead of the receiver adds its next element within that, as a partner that has just
     * matched registers for its next rendezvous, and one that waits longer registers and spins
     * as before.
     */
    static final int POLLS_BEFORE_REGISTERING = MAX_SPINS == 0 ? 0 : 1 << 6;

    /**
     * At a zero budget behind a queued partner, the waits before the first probe, and before the
     * next one once a probe paid.
     */
    static final int PROBE_EVERY = 16;
    /** The most waits at a zero budget between two probes: the gap doubles up to this. */
    static final int PROBE_GAP_MAX = 256;
    /**
     * The carriers of the virtual-thread scheduler: its parallelism, which JDK 25 reads from
     * this property and otherwise sets to the number of CPUs.
     */
    static final int CARRIERS = Math.max(1, Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors()));
    /**
     * The polls of a probe at a zero budget behind a queued partner: {@link #MAX_SPINS} with
     * more than one carrier, long enough for an idle carrier to wake and steal the partner;
     * {@link #MIN_SPINS} on one carrier, where nothing steals it.
     */
    static final int PARTNER_PROBE_SPINS = partnerProbeSpins(CARRIERS);

    /** {@link #PARTNER_PROBE_SPINS} for a scheduler of {@code carriers} carriers. */
    static int partnerProbeSpins(int carriers) {
        return carriers > 1 ? MAX_SPINS : MIN_SPINS;
    }

    /** {@link #kind}: the usual budget, never below {@link #MIN_SPINS}. */
    static final int USUAL = 0;
    /** {@link #kind}: behind the partner this thread unparked, which has not run yet. */
    static final int OWN_PARTNER = 1;
    /** {@link #kind}: behind a partner another waiter here unparked, which has not run yet. */
    static final int OTHERS_PARTNER = 2;
    /**
     * {@link #kind}: a platform thread's wait at the floor of the usual budget that probes with
     * {@link #MAX_SPINS} polls, one in {@value #FLOOR_PROBE_EVERY}; a platform thread's other
     * waits are {@link #USUAL}.
     */
    static final int PLATFORM_PROBE = 3;
    /** At the floor, one wait of a platform thread in this many spins {@link #MAX_SPINS}. */
    static final int FLOOR_PROBE_EVERY = 16;

    private int spins = MAX_SPINS >> 2;
    /** The budget behind this thread's own queued partner; may reach zero. */
    private int ownPartner = MIN_SPINS;
    /** The budget behind a queued partner another waiter published here; may reach zero. */
    private int othersPartner = MIN_SPINS;
    /**
     * Waits at a zero budget left before the next probe, and the gap the last probe set: racy,
     * like the budgets, and shared by both partner budgets; a lost update moves a probe a little.
     */
    private int probeIn = PROBE_EVERY;
    private int probeGap = PROBE_EVERY;
    /** Platform threads' waits at the floor, counted racily to pace their probes. */
    private int floorWaits;
    /**
     * The resume count of a partner that a virtual thread waiting on this channel found still
     * queued, and its value then ({@link #queuedAt}); null once a wait found that it ran. Racy on
     * purpose, like the budgets: the pair may mix two writers' values, which only gives a wrong
     * hint. The exact value, not its parity, so that the entry cannot match again after two
     * resumes, for instance of a thread that parks once on each of two channels per item.
     */
    private ResumeCount queued;
    private int queuedAt;

    /**
     * Which budget a thread about to wait on this channel spins on: {@link #USUAL},
     * {@link #OWN_PARTNER} or {@link #OTHERS_PARTNER}; for a platform thread {@link #USUAL}, or
     * {@link #PLATFORM_PROBE} one wait in {@value #FLOOR_PROBE_EVERY} at the floor. Forgets the
     * partner {@code self} unparked since its last wait ({@link ThreadRecord#takeWoken()}), so
     * each unpark informs one wait of its waker, and, if that partner has not run yet and
     * {@code shared}, publishes it here for the channel's other waiters until it runs.
     *
     * @param self the waiting thread's record
     * @param shared whether to publish and read this channel's entry: true for a plain
     *        operation or a select with one channel clause; a select over several channels
     *        spins on its first channel's budget, whose entry says nothing about the others
     */
    int kind(ThreadRecord self, boolean shared) {
        if (!self.thread.isVirtual()) {
            return spins == MIN_SPINS && MIN_SPINS > 0 && ++floorWaits % FLOOR_PROBE_EVERY == 0
                    ? PLATFORM_PROBE : USUAL;
        }
        final ResumeCount own = self.takeWoken();
        if (own != null) {
            final int v = own.value();
            if (ResumeCount.parity(v) == self.wokenParity()) {
                if (shared) {
                    publish(own, v);
                }
                return OWN_PARTNER;
            }
        }
        if (shared) {
            final ResumeCount q = queued;
            if (q != null) {
                if (q.value() == queuedAt) {
                    return OTHERS_PARTNER;
                }
                queued = null; // it ran
            }
        }
        return USUAL;
    }

    /**
     * The newest queued partner replaces the entry, even one that has not run yet: the older
     * one is likelier to have been run by now. With 4 producers and a consumer on one carrier,
     * replacing only an entry that had run left 3,588 of 16,384 waits on the usual budget (the
     * entry named a producer the consumer woke, which ran before the other producers waited);
     * replacing always left 7. A write here follows this thread's unpark of a parked partner,
     * so it is as rare as those.
     */
    private void publish(ResumeCount own, int v) {
        if (queued != own || queuedAt != v) {
            queuedAt = v;
            queued = own;
        }
    }

    /**
     * The polls a plain receive on a buffered channel, or a late party on an unbuffered one
     * ({@code UnbufferedChannel}, "The late party polls"), makes before it registers, on the budget
     * {@link #kind} chose: that budget (the usual one for a platform probe), at most
     * {@link #POLLS_BEFORE_REGISTERING}. Does not count toward the probes of a zero budget,
     * which {@link #spins} makes once per wait.
     */
    int pollsBeforeRegistering(int kind) {
        final int s = kind == OWN_PARTNER ? ownPartner : kind == OTHERS_PARTNER ? othersPartner : spins;
        return Math.min(POLLS_BEFORE_REGISTERING, s);
    }

    /** The polls to make before parking, on the budget {@link #kind} chose. */
    int spins(int kind) {
        if (kind == USUAL) {
            return spins;
        }
        if (kind == PLATFORM_PROBE) {
            return MAX_SPINS;
        }
        final int s = kind == OWN_PARTNER ? ownPartner : othersPartner;
        if (s == 0 && --probeIn <= 0) {
            final int gap = Math.min(PROBE_GAP_MAX, probeGap << 1); // if this one pays, record restarts it
            probeGap = gap;
            probeIn = gap;
            return PARTNER_PROBE_SPINS;
        }
        return s;
    }

    /**
     * Feedback for {@link #spins(int)}: doubles that budget if the wait ended while spinning,
     * halves it if the thread parked anyway, the usual one down to {@link #MIN_SPINS}, the other
     * two down to zero; after a {@link #PLATFORM_PROBE}, sets the usual budget to
     * {@link #MAX_SPINS} if the probe paid, and halves it otherwise. A wait at a zero budget that
     * ended while spinning (a probe that paid) also starts the probes over, at
     * {@value #PROBE_EVERY} waits.
     *
     * <p>The feedback is judged against the budget as it reads now, not as it read when the
     * wait chose its spin: another thread's wait on the channel may have changed it since. So a
     * wait that spun a non-zero budget and ended while spinning, on a budget another wait has
     * meanwhile halved to zero, counts as a probe that paid (the budget jumps to the probe's
     * length), and a probe that paid, on a budget another wait has meanwhile raised, only
     * doubles it. Both only mistune the heuristic for a wait or two, as a lost update does.
     */
    void record(int kind, boolean satisfiedWhileSpinning) {
        if (kind == PLATFORM_PROBE) {
            if (satisfiedWhileSpinning) {
                spins = MAX_SPINS; // the probe paid: spin that long from now on
                return;
            }
            kind = USUAL;
        }
        final int s = kind == USUAL ? spins : kind == OWN_PARTNER ? ownPartner : othersPartner;
        if (s == 0 && satisfiedWhileSpinning) { // a probe paid: the probes start over
            probeGap = PROBE_EVERY;
            probeIn = PROBE_EVERY;
        }
        // a probe that paid: spin as long as it did from now on
        final int next = satisfiedWhileSpinning ? (s == 0 ? Math.max(grow(0), PARTNER_PROBE_SPINS) : grow(s))
                : Math.max(kind == USUAL ? MIN_SPINS : 0, s >> 1);
        if (next == s) {
            return; // write only on change: at either bound the line stays shared-clean
        }
        if (kind == USUAL) {
            spins = next;
        } else if (kind == OWN_PARTNER) {
            ownPartner = next;
        } else {
            othersPartner = next;
        }
    }

    private static int grow(int s) {
        return Math.min(MAX_SPINS, (s << 1) | MIN_SPINS);
    }
}
