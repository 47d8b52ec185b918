package org.channels4j.stress.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.stress.Rounds;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Mirrors {@code org.channels4j.stress.BlockingStress.ReceiverWakesOnSendBuffered} against a
 * {@link ParkWithoutRecheckChannel}. EXPECTED TO FAIL with {@code STALE}: the receiver parks
 * after the sender looked for waiters, and nobody wakes it. jcstress waits 30 seconds before
 * calling a thread stale, and the signal first waits 10 seconds for the stuck round, so this
 * test takes about 40 seconds per JVM configuration.
 */
public final class BrokenBlockingStress {
    private BrokenBlockingStress() {
    }

    /** A receiver that does not re-check after registering misses a send in that window. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and got the element")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class ReceiverParksWithoutRecheck {
        private final ParkWithoutRecheckChannel ch = new ParkWithoutRecheckChannel();
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.awaitBegun(i);
                if (!Integer.valueOf(i).equals(ch.receive())) {
                    throw new IllegalStateException("received something else");
                }
                rounds.finished(i);
            }
        }

        @Signal
        public void send() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                if (!ch.trySend(i) || !rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }
}
