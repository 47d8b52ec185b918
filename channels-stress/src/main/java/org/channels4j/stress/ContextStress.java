package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.ChannelClosedException;
import org.channels4j.Context;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * {@code Context}: a cancel racing {@code withCancel} on the same parent. The child is either
 * created cancelled or cancelled by the parent, never missed, and it carries the parent's very
 * cause; a thread blocked on the new child's {@code done()} is woken.
 */
public final class ContextStress {
    private static final RuntimeException CAUSE = new RuntimeException("parent cancelled");

    private ContextStress() {
    }

    /**
     * {@code cancel(cause)} on the parent against {@code withCancel()}. Fails if the child
     * could miss the cancel (created live and never cancelled), get another cause, or report
     * itself done while its {@code done()} channel is still open.
     */
    @JCStressTest
    @Outcome(id = "true, true, true, true", expect = ACCEPTABLE, desc = "the cancel came first: the child was created done")
    @Outcome(id = "false, true, true, true", expect = ACCEPTABLE, desc = "the child came first and was cancelled by the parent")
    @Outcome(expect = FORBIDDEN, desc = "the child missed the cancel, has another cause, or its done() disagrees")
    @State
    public static class CancelRacingWithCancel {
        private final Context parent = Context.background().withCancel();
        private Context child;

        @Actor
        public void cancel() {
            parent.cancel(CAUSE);
        }

        @Actor
        public void withCancel(ZZZZ_Result r) {
            child = parent.withCancel();
            r.r1 = child.isDone();
        }

        @Arbiter
        public void check(ZZZZ_Result r) {
            r.r2 = child.isDone();
            r.r3 = child.cause() == CAUSE;
            r.r4 = child.done().isClosedForReceive();
        }
    }

    /**
     * {@link Rounds#COUNT} rounds per sample, each on a fresh parent: the actor makes a child
     * and blocks in a receive on its {@code done()}, the signal cancels the parent at a random
     * moment around the child's creation, registration and park. Fails ({@code STALE}) if the
     * child was missed, so that nothing wakes the receiver, or ({@code ERROR}) if the receive
     * ends with another cause.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver on each new child woke with the parent's cause")
    @Outcome(expect = FORBIDDEN, desc = "a receiver never woke (STALE) or saw another cause (ERROR)")
    @State
    public static class ReceiverOnNewChildWakesOnParentCancel {
        private final Context[] parents = new Context[Rounds.COUNT + 1];
        private final Rounds rounds = new Rounds();

        public ReceiverOnNewChildWakesOnParentCancel() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                parents[i] = Context.background().withCancel();
            }
        }

        @Actor
        public void receiver() throws InterruptedException {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.awaitBegun(i);
                final Context child = parents[i].withCancel();
                try {
                    child.done().receive();
                    throw new IllegalStateException("done() delivered an element");
                } catch (ChannelClosedException closed) {
                    if (closed.getCause() != CAUSE) {
                        throw new IllegalStateException("closed with " + closed.getCause(), closed);
                    }
                }
                rounds.finished(i);
            }
        }

        @Signal
        public void cancelParent() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                parents[i].cancel(CAUSE);
                if (!rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }
}
