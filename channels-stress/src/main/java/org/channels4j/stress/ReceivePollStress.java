package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A plain receive on a buffered channel that finds it empty polls the buffer's indices for a
 * while before it registers a node, and takes the element itself if one arrives meanwhile
 * ({@code Selection.pollBeforeRegistering}). Two receivers polling at once can both see one
 * element arrive; one takes it, and the other must go on to register and wait, not report
 * anything. Codes: {@link Give} and {@link Take}.
 */
public final class ReceivePollStress {
    private ReceivePollStress() {
    }

    /**
     * A receiver polls an empty buffered(2) channel while another thread sends 1 and at once
     * tries to receive it back, then sends 2. The poller that reads "ready" for 1 and then loses
     * 1 to the {@code tryReceive} must register and wait for 2. Acceptable: the poller got 1
     * (the {@code tryReceive} found nothing, 2 is left) or 2 (the {@code tryReceive} got 1,
     * nothing is left). Fails if the poller took its lost race for an answer: closed, nothing,
     * or an element twice.
     *
     * <p>Until 2026-12-04 this test had a second receiver, a virtual thread, racing the poller;
     * once a receiver stopped polling behind a waiting one, the two rarely polled at once, and
     * a planted fault (the lost race read as closed) passed a short run. Here the element is
     * sent and taken back within the poller's microsecond, by one of the two actors.
     */
    @JCStressTest
    @Outcome(id = {"1, -1, 2", "2, 1, -1"}, expect = ACCEPTABLE, desc = "each element received once: by the poller, or 1 by tryReceive and 2 by the poller")
    @Outcome(expect = FORBIDDEN, desc = "an element lost or doubled, or a poller that reported its lost race")
    @State
    public static class PollerLosesTheElementToATryReceive {
        private final Channel<Integer> ch = Channels.buffered(2);

        @Actor
        public void poller(III_Result r) {
            r.r1 = Take.within(ch, Waits.LIVENESS);
        }

        @Actor
        public void senderThatTakesBack(III_Result r) {
            Give.now(ch, 1);
            r.r2 = Take.now(ch);
            Give.now(ch, 2);
        }

        @Arbiter
        public void left(III_Result r) {
            r.r3 = Take.now(ch);
        }
    }
}
