package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

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
     * Two receivers on an empty buffered(2) channel, polling, while one element arrives and then
     * another: each receiver gets one of them. The second receiver is a virtual thread the
     * sending actor starts (jcstress runs no more actors than this machine's two CPUs). Fails
     * if the receiver that saw the first element arrive but lost it to the other took the lost
     * race for an answer (closed, nothing, or the first element again) instead of registering
     * and waiting for the second.
     */
    @JCStressTest
    @Outcome(id = {"1, 2, 1, 1", "2, 1, 1, 1"}, expect = ACCEPTABLE, desc = "each receiver got one element")
    @Outcome(expect = FORBIDDEN, desc = "an element lost or doubled, or a receiver that reported its lost race")
    @State
    public static class ReceiversRaceForAnElementBeforeRegistering {
        private final Channel<Integer> ch = Channels.buffered(2);

        @Actor
        public void receiver(IIII_Result r) {
            r.r1 = Take.within(ch, Waits.LIVENESS);
        }

        @Actor
        public void secondReceiverThenSender(IIII_Result r) {
            final VirtualParty second = VirtualParty.start(() -> Take.within(ch, Waits.LIVENESS));
            Waits.jitter(2_000); // the receivers poll for about a microsecond before registering
            r.r3 = Give.now(ch, 1);
            Waits.jitter(2_000);
            r.r4 = Give.now(ch, 2);
            r.r2 = second.joinInt(Waits.LATE);
        }
    }
}
