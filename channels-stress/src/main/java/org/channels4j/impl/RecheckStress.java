package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * {@link UnbufferedChannel}'s re-check rule: of a sender and a receiver that both register on an
 * unbuffered channel and then re-check for a partner, exactly one acts. Each appends its node
 * and reads the other queue; one that finds nobody to act on settles. A re-check that meets the
 * other acts if the other has settled or if its own thread's id is the smaller; otherwise it
 * waits until the other settles (and then acts) or leaves. Each actor here does what
 * {@code Selection} does with the answer: acting cancels its own node (so the other sees it
 * leave), not acting settles it.
 *
 * <p>Both failures are forbidden: neither acts ({@code false, false}), so both park with a
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
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "one acts, the other settles and waits")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "neither acts: a lost rendezvous")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "both act: each would cancel itself for the other")
@State
public class RecheckStress {
    private final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();

    @Actor
    public void send(ZZ_Result r) {
        ThreadRecord.current().waitEnds(false, 0L); // untimed, as Selection records it before a re-check
        final Waiter sender = new Waiter(true, "x");
        ch.registerSender(sender);
        r.r1 = recheck(sender, ch.sendReady(sender));
    }

    @Actor
    public void receive(ZZ_Result r) {
        ThreadRecord.current().waitEnds(false, 0L);
        final Waiter receiver = new Waiter(false, null);
        ch.registerReceiver(receiver);
        r.r2 = recheck(receiver, ch.receiveReady(receiver));
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
