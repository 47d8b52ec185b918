package org.channels4j.stress.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

/**
 * Mirrors {@code org.channels4j.impl.WaiterStress.ExactlyOneCompleterWins} against a
 * {@link CheckThenSetWaiter}, a select commit without CAS. EXPECTED TO FAIL: both completers
 * win, which in a select means two clauses complete.
 */
public final class BrokenSelectCommitStress {
    private static final Object FIRST = new Object();
    private static final Object SECOND = new Object();

    private BrokenSelectCommitStress() {
    }

    /** Two completers race for one waiter whose commit is a check-then-set. */
    @JCStressTest
    @Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "the first completer won")
    @Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "the second completer won")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or the outcome is not the winner's")
    @State
    public static class CommitByCheckThenSet {
        private final CheckThenSetWaiter waiter = new CheckThenSetWaiter();

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
            final Object o = waiter.outcome();
            r.r3 = o == FIRST ? 1 : o == SECOND ? 2 : 0;
        }
    }
}
