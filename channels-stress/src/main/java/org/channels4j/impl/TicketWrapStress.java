package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * {@link TicketStress} where the channel's count wraps between the two registrations: a node
 * keeps its ticket modulo {@code 2^}{@value WaitNode#TICKET_BITS}, so the first registrant's
 * ticket is the largest a node can hold and the second's is 1. The later registrant must still
 * act ({@link WaitNode#ticketAfter} compares by difference). Comparing the kept tickets with a
 * plain {@code >} makes the later one skip the earlier one, whose re-check did not see it:
 * neither acts ({@code false, false}), a lost rendezvous.
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "the later registrant acts, the earlier one waits")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "neither acts: a lost rendezvous")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "both act: each would cancel itself for the other")
@State
public class TicketWrapStress {
    /** The next take gives the largest ticket a node holds; the one after it gives 1. */
    private final UnbufferedChannel<Object> ch = new UnbufferedChannel<>(new TicketDispenser(WaitNode.TICKET_MASK - 1));
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
