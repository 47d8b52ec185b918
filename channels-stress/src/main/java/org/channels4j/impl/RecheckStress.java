package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * {@link UnbufferedChannel}'s re-check rule: of a sender and a receiver that both register on an
 * unbuffered channel and then re-check for a partner, exactly one acts. Each appends its node
 * and reads the other queue; one that finds nobody to act on settles. A re-check that meets the
 * other acts if the other has settled or if its own thread's id is the smaller; otherwise it
 * waits until the other settles (and then acts) or leaves. Each actor here does what
 * {@code Selection} does with the answer: acting cancels its own node (so the other sees it
 * leave), not acting settles it.
 *
 * <p>Results are by role: whether the sender acted, whether the receiver acted, and whether
 * the sender's thread has the smaller id (read by the arbiter). Both failures are forbidden,
 * whichever thread has the smaller id: neither acts ({@code false, false}), so both park with a
 * partner waiting, a lost rendezvous; both act ({@code true, true}), so each cancels itself to
 * complete the other and both retry, possibly forever.
 *
 * <p>What it guards: the Dekker pair of the two appends and re-checks (at least one sees the
 * other), that a waiter that sees an unsettled partner with the smaller id waits for it rather
 * than skipping it (skipping loses the rendezvous when the partner's re-check ran before our
 * append), and that the id decides only between two waiters that are both re-checking (acting
 * on any unsettled partner lets both act). Each actor's waiter is made on its own thread, so
 * the two have different ids. The nodes are driven directly: nobody parks, so nothing is
 * unparked. Both waits are untimed and uninterrupted, so neither re-check may give up its wait
 * ({@code ThreadRecord.waitOver}); a re-check that gave up a wait that had not ended would
 * lose the rendezvous here (planted 2026-12-06: {@code false, false}).
 *
 * <p>jcstress runs each actor on one thread for a whole run, so which actor's thread has the
 * smaller id is fixed for the run; each state therefore draws which actor sends and which
 * receives, and every run meets with the sender's id the smaller and with the receiver's (the
 * third result: both values in every run). Until 2026-12-07 the first actor always sent, and
 * its thread had the smaller id in every configuration checked: a sender that acted on any
 * unsettled partner, the receiver keeping the rule, passed that test in all 4 configurations
 * and fails this one in all 4 ({@code true, true, false}); a receiver that did so failed both
 * ({@code true, true} there, {@code true, true, true} here) (planted 2026-12-07, one
 * {@code -m quick -iters 1 -sc false -time 50 -af NONE} run each).
 */
@JCStressTest
@Outcome(id = {"true, false, true", "false, true, true"}, expect = ACCEPTABLE,
        desc = "the sender's id is the smaller: one acts, the other settles and waits")
@Outcome(id = {"true, false, false", "false, true, false"}, expect = ACCEPTABLE,
        desc = "the receiver's id is the smaller: one acts, the other settles and waits")
@Outcome(id = {"false, false, true", "false, false, false"}, expect = FORBIDDEN, desc = "neither acts: a lost rendezvous")
@Outcome(id = {"true, true, true", "true, true, false"}, expect = FORBIDDEN,
        desc = "both act: each would cancel itself for the other")
@State
public class RecheckStress {
    private final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
    /** Whether the first actor sends and the second receives, or the reverse: drawn per state. */
    private final boolean firstSends = ThreadLocalRandom.current().nextBoolean();
    /** The sender's and the receiver's thread ids, written by the actors, read by the arbiter. */
    private long senderId;
    private long receiverId;

    @Actor
    public void first(ZZZ_Result r) {
        play(firstSends, r);
    }

    @Actor
    public void second(ZZZ_Result r) {
        play(!firstSends, r);
    }

    @Arbiter
    public void ids(ZZZ_Result r) {
        r.r3 = senderId < receiverId;
    }

    private void play(boolean sending, ZZZ_Result r) {
        final ThreadRecord self = ThreadRecord.current();
        self.waitEnds(false, 0L); // untimed, as Selection records it before a re-check
        if (sending) {
            final Waiter sender = new Waiter(self, true, "x");
            ch.registerSender(sender);
            r.r1 = recheck(sender, ch.sendReady(sender));
            senderId = self.thread.threadId();
        } else {
            final Waiter receiver = new Waiter(self, false, null);
            ch.registerReceiver(receiver);
            r.r2 = recheck(receiver, ch.receiveReady(receiver));
            receiverId = self.thread.threadId();
        }
    }

    private static boolean recheck(Waiter own, boolean ready) {
        if (ready) {
            own.tryCancel(); // acting: it leaves the queue to complete the other
        } else {
            own.settle();
        }
        return ready;
    }
}
