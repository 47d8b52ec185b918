package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * {@link UnbufferedChannel}'s tickets: of a sender and a receiver that both register on an
 * unbuffered channel and then re-check for a partner, exactly one may act. Each appends its
 * node, takes a ticket ({@code getAndAdd} on the channel's counter), stores it, and re-checks
 * the other queue, acting only on a partner with a smaller ticket. The later registrant must
 * see the earlier one's node (its append precedes its {@code getAndAdd}, which precedes the
 * later {@code getAndAdd} in the counter's order); the earlier one, if it sees the later node,
 * must skip it.
 *
 * <p>Both failures are forbidden: neither acts ({@code false, false}), so both park with a
 * partner waiting, a lost rendezvous; both act ({@code true, true}), so each cancels itself to
 * complete the other and both retry, possibly forever.
 *
 * <p>What it guards: the ticket store is a release store, not a volatile one (no fence after
 * it), and an unassigned ticket is the field's default 0, so the node's constructor stores
 * nothing. A re-check's loads may now pass the ticket store, the one reordering x86 makes, so
 * this machine exercises it; a re-check that meets the other node before its ticket waits for
 * it ({@link WaitNode#awaitTicket}). Taking the ticket before the append breaks the rule, and
 * this test fails on it ({@code false, false}; see {@code channels-stress/README.md}).
 *
 * <p>The nodes are plain waiters driven directly: nobody parks, so nothing is unparked.
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "the later registrant acts, the earlier one waits")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "neither acts: a lost rendezvous")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "both act: each would cancel itself for the other")
@State
public class TicketStress {
    private final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
    private final Waiter sender = new Waiter(true, "x");
    private final Waiter receiver = new Waiter(false, null);

    @Actor
    public void send(ZZ_Result r) {
        ch.registerSender(sender);
        r.r1 = ch.sendReady(sender);
    }

    @Actor
    public void receive(ZZ_Result r) {
        ch.registerReceiver(receiver);
        r.r2 = ch.receiveReady(receiver);
    }
}
