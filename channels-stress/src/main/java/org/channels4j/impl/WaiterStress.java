package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.stress.Rounds;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

/**
 * {@link Waiter}'s outcome word: the single commit point of every blocked operation and
 * every select. Whoever sets it decides the select's fate, so two parties must never both
 * believe they did. The arbiter codes the final outcome: {@code 1} the first party's,
 * {@code 2} the second's, {@code 3} CANCELLED, {@code 0} unset or anything else.
 */
public final class WaiterStress {
    private static final Object FIRST = new Object();
    private static final Object SECOND = new Object();

    private WaiterStress() {
    }

    static int code(Object outcome) {
        if (outcome == FIRST) {
            return 1;
        }
        if (outcome == SECOND) {
            return 2;
        }
        return outcome == Waiter.CANCELLED ? 3 : 0;
    }

    /**
     * Two completers (two senders matching one select, or a sender and a close) race for one
     * waiter: exactly one wins and the outcome is the winner's. Fails if the commit were a
     * check-then-set instead of one CAS, which would let a select complete two clauses.
     */
    @JCStressTest
    @Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "the first completer won")
    @Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "the second completer won")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or the outcome is not the winner's")
    @State
    public static class ExactlyOneCompleterWins {
        // The waiter's owner is whichever jcstress thread built the state; the winner's unpark
        // only leaves that thread a permit, which the jcstress workers never park on.
        private final Waiter waiter = new Waiter(true);

        @Actor
        public void first(ZZI_Result r) {
            r.r1 = waiter.tryComplete(FIRST);
        }

        @Actor
        public void second(ZZI_Result r) {
            r.r2 = waiter.tryComplete(SECOND);
        }

        @Arbiter
        public void outcome(ZZI_Result r) {
            r.r3 = code(waiter.lvOutcome());
        }
    }

    /**
     * A completer racing the owner's cancel (a timeout or an interrupt against a handoff):
     * exactly one wins. Fails if the owner could cancel a waiter that a partner had already
     * completed, which would lose the partner's element, or a partner could complete a
     * cancelled one.
     */
    @JCStressTest
    @Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "the completer won; the cancel saw it was too late")
    @Outcome(id = "false, true, 3", expect = ACCEPTABLE, desc = "the cancel won; the completer was refused")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or the outcome is not the winner's")
    @State
    public static class CompleteVersusCancel {
        private final Waiter waiter = new Waiter(false);

        @Actor
        public void completer(ZZI_Result r) {
            r.r1 = waiter.tryComplete(FIRST);
        }

        @Actor
        public void owner(ZZI_Result r) {
            r.r2 = waiter.tryCancel();
        }

        @Arbiter
        public void outcome(ZZI_Result r) {
            r.r3 = code(waiter.lvOutcome());
        }
    }

    /**
     * A partner matching a select's other node (a {@link SelectNode}, on another channel than
     * the select's waiter) while the select ends: the select's thread decides its outcome (here
     * by its cancel, as on a timeout) and then drops the node's link to its owner
     * ({@link SelectNode#dropLink}, so that a dead node left in an idle queue keeps no node of
     * another queue reachable). Exactly one of the match and the cancel wins, and the node reads
     * as dead for good: the arbiter's late match is refused. Fails if a node whose owner is gone
     * could be completed (the arbiter's match succeeds) or threw when read (an actor's error).
     */
    @JCStressTest
    @Outcome(id = "true, false, false", expect = ACCEPTABLE, desc = "the match won; the select's cancel saw it was too late")
    @Outcome(id = "false, true, false", expect = ACCEPTABLE, desc = "the cancel won; the match was refused")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or the node took a match after its select was over")
    @State
    public static class SelectNodeMatchVersusSelectEnd {
        private final SelectWaiter waiter = (SelectWaiter) WaitNode.forSelect(null, true, false, 0, false, null);
        private final SelectNode node = (SelectNode) WaitNode.forSelect(waiter, true, false, 1, false, null);

        @Actor
        public void partner(ZZZ_Result r) {
            r.r1 = node.tryMatch(FIRST);
        }

        @Actor
        public void select(ZZZ_Result r) {
            r.r2 = waiter.tryCancel();
            node.dropLink(); // decided either way: the select is over
        }

        @Arbiter
        public void late(ZZZ_Result r) {
            r.r3 = node.tryMatch(SECOND) || node.isLive();
        }
    }

    /**
     * {@link SelectNodeMatchVersusSelectEnd} with the node two links from its owner: a select
     * with a waiter and two other nodes, the partner matching the newest, whose owner it finds
     * through the older one ({@link SelectNode#ownerOrGone}), while the select ends and drops
     * both links, newest first, as {@code Selection.abandonAll} does. A link dropped under the
     * partner's walk must read as a select that is over, never as a live owner. Planted
     * (2026-12-07): a walk that skips a link dropped under it and returns the node it stands
     * on failed this test in 4 of 4 configurations ({@code ClassCastException} in the
     * partner, exit 1, {@code -m quick -iters 1 -sc false -time 50}) while
     * {@link SelectNodeMatchVersusSelectEnd} passed 4 of 4.
     */
    @JCStressTest
    @Outcome(id = "true, false, false", expect = ACCEPTABLE, desc = "the match won; the select's cancel saw it was too late")
    @Outcome(id = "false, true, false", expect = ACCEPTABLE, desc = "the cancel won; the match was refused")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or a node took a match after its select was over")
    @State
    public static class SelectNodeTwoLinksMatchVersusSelectEnd {
        private final SelectWaiter waiter = (SelectWaiter) WaitNode.forSelect(null, true, false, 0, false, null);
        private final SelectNode older = added((SelectNode) WaitNode.forSelect(waiter, true, false, 1, false, null));
        private final SelectNode newest = added((SelectNode) WaitNode.forSelect(waiter, true, false, 2, false, null));

        private SelectNode added(SelectNode node) {
            waiter.add(node);
            return node;
        }

        @Actor
        public void partner(ZZZ_Result r) {
            r.r1 = newest.tryMatch(FIRST);
        }

        @Actor
        public void select(ZZZ_Result r) {
            r.r2 = waiter.tryCancel();
            newest.dropLink(); // decided either way: the select is over
            older.dropLink();
        }

        @Arbiter
        public void late(ZZZ_Result r) {
            r.r3 = newest.tryMatch(SECOND) || older.tryMatch(SECOND) || newest.isLive() || older.isLive();
        }
    }

    /**
     * The owner parks at once (no spin) while a completer completes it: the owner must wake.
     * A completer unparks only an owner that announced it parks, so this fails (STALE) if the
     * announcement and the outcome were not ordered as a Dekker pair: a completer that read
     * "not parked" before its CAS, or an owner that announced itself after its last check,
     * would leave the owner parked with the outcome set. {@link Rounds} stages many such races
     * per sample, the completer acting before, during and after the owner's announcement.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the owner saw the outcome and returned, every round")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the owner stayed parked after it was completed")
    @Outcome(expect = FORBIDDEN, desc = "anything else, an error in an actor included")
    @State
    public static class ParkedOwnerIsWoken {
        private final Rounds rounds = new Rounds();
        /** The current round's waiter, built by the owner: a waiter unparks its creating thread. */
        private volatile Waiter waiter;
        private volatile int published;

        @Actor
        public void owner() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                final Waiter w = new Waiter(false);
                waiter = w;
                published = i;
                rounds.awaitBegun(i);
                w.await(ThreadRecord.current(), 0, false, 0L);
                rounds.finished(i);
            }
        }

        @Signal
        public void completer() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                while (published < i) {
                    Thread.onSpinWait();
                }
                final Waiter w = waiter;
                rounds.begin(i);
                w.tryComplete(FIRST);
                if (!rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }
}
