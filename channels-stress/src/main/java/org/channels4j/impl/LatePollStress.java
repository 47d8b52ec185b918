package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;
import static org.channels4j.stress.BlockingStress.expect;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.channels4j.ChannelClosedException;
import org.channels4j.stress.Rounds;
import org.channels4j.stress.VirtualParty;
import org.channels4j.stress.Waits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The late party's poll on an unbuffered channel ({@code UnbufferedChannel}, "The late party
 * polls"): a plain untimed {@code send} or {@code receive} on a thread whose last wait a
 * partner ended polls the other side's queue before it registers. Every operation here marks
 * its thread late first ({@link ThreadRecordState#completedByPartner()}), so each one takes that
 * path: jcstress reuses actor threads, and a mark left by one operation would otherwise decide
 * whether the next polls. All waits are untimed, as only those poll, so a lost operation shows
 * as {@code STALE} (or, where a party is joined, as an ERROR naming {@code STUCK}).
 *
 * <p>Planted (2026-12-06, one {@code -m quick -iters 1 -sc false -time 50 -af NONE} run each):
 * a poll that drops the result of its one attempt and registers anyway, so that a send the
 * attempt made is made again and a receive's element is lost, failed both
 * {@code TwoLateParties*} tests in 4 of their 8 configurations; a poll that goes on until the
 * other side is ready, never registering, failed {@link LateReceiverInterrupted} in 4 of 4
 * ({@code STALE}: only a registered waiter can be interrupted) and both {@code TwoLateParties*}
 * tests in 8 of 8 (both poll, neither registers). The close tests pass those two (a closed
 * channel reads ready, and both plants keep the close); a late party that registers after its
 * poll without re-checking, as if the poll had been its look, failed both close tests in 4 of
 * 4 ({@code STALE}), {@code TwoLatePartiesVirtual} in 4 of 4 and {@code TwoLatePartiesPlatform}
 * in 3 of 4, and passed the interrupt test (its park sees the interrupt).
 */
public final class LatePollStress {
    private LatePollStress() {
    }

    /** Marks the current thread as the late party of its next rendezvous. */
    static void late() {
        ThreadRecord.current().completedByPartner();
    }

    /**
     * Two parties that start each round together: each waits for the other to reach the round,
     * then a random few spins, so that their polls overlap in every way (both poll and find
     * nobody, then both register and meet in their re-checks; or one registers while the
     * other still polls, and the poll finds it). Its fields are by role, each written in a
     * round by whichever party plays that role then.
     */
    static final class Lockstep {
        private volatile int senderAt;
        private volatile int receiverAt;

        void sender(int round) {
            senderAt = round;
            meet(() -> receiverAt >= round);
        }

        void receiver(int round) {
            receiverAt = round;
            meet(() -> senderAt >= round);
        }

        private static void meet(BooleanSupplier other) {
            if (!Waits.until(other)) {
                throw new IllegalStateException("the other party never reached the round");
            }
            for (int i = ThreadLocalRandom.current().nextInt(64); i > 0; i--) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * One party's loop: late, untimed operations, one a round, each round's element its
     * number. The two parties swap roles every round ({@code sendsFirst} says who sends in
     * round 1), so each party's thread is the sender in half the rounds and the receiver in the
     * other half: two re-checks that meet are decided by the threads' ids, which are fixed
     * when the threads are made, and this way every state meets with the sender's id the
     * smaller and with the receiver's.
     */
    static int playLate(UnbufferedChannel<Integer> ch, Lockstep step, boolean sendsFirst) throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            if (((i & 1) == 1) == sendsFirst) {
                step.sender(i);
                late();
                ch.send(i);
            } else {
                step.receiver(i);
                late();
                expect(i, ch.receive());
            }
        }
        return Rounds.COUNT;
    }

    /**
     * Two late virtual threads, a sender and a receiver, start each rendezvous together, so
     * both poll, each for the other. Fails (ERROR, or STALE) if two polls that find nobody
     * could leave both parties registered and parked, if a poll's attempt and the registration
     * after it could both deliver (an element doubled, the receiver then sees the next round's
     * element early or the sender blocks on a round nobody receives), or if an element could
     * be lost. The two swap roles every round ({@link #playLate}): until 2026-12-07 one thread
     * always received and, made first, always had the smaller id, so a re-check rule that
     * failed only with the sender's id the smaller was never met here.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every late send met its late receive, each element once")
    @Outcome(expect = FORBIDDEN, desc = "a party never finished (STALE) or got something else (ERROR)")
    @State
    public static class TwoLatePartiesVirtual {
        private final UnbufferedChannel<Integer> ch = new UnbufferedChannel<>();
        private final Lockstep step = new Lockstep();

        @Actor
        public void play() {
            final VirtualParty first = VirtualParty.start(() -> playLate(ch, step, false));
            final VirtualParty second = VirtualParty.start(() -> playLate(ch, step, true));
            expect(Rounds.COUNT, second.join());
            expect(Rounds.COUNT, first.join());
        }

        @Signal
        public void nothing() {
            // the parties meet each other; a lost rendezvous leaves play() blocked (STALE) or STUCK
        }
    }

    /**
     * As {@link TwoLatePartiesVirtual}, on platform threads: the actor and a platform thread it
     * starts, which receives in round 1 and sends in round 2, and so on. Until 2026-12-07 the
     * actor always received, so the receiver always had the smaller id.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every late send met its late receive, each element once")
    @Outcome(expect = FORBIDDEN, desc = "a party never finished (STALE) or got something else (ERROR)")
    @State
    public static class TwoLatePartiesPlatform {
        private final UnbufferedChannel<Integer> ch = new UnbufferedChannel<>();
        private final Lockstep step = new Lockstep();
        private volatile Object started;

        @Actor
        public void play() throws InterruptedException {
            final Thread party = Thread.ofPlatform().daemon().start(() -> {
                Object o;
                try {
                    o = playLate(ch, step, false);
                } catch (Throwable t) {
                    o = t;
                }
                started = o;
            });
            playLate(ch, step, true);
            if (!party.join(Waits.LIVENESS)) {
                throw new IllegalStateException("the started party never finished");
            }
            expect(Rounds.COUNT, started);
        }

        @Signal
        public void nothing() {
            // as in TwoLatePartiesVirtual
        }
    }

    /**
     * Per round, a fresh channel that a late party waits on and that the signal then acts on;
     * the actor waits for the signal to begin the round, so the action lands before, inside or
     * after the poll, the registration and the park ({@link Rounds}).
     */
    abstract static class LateAlone {
        private final Rounds rounds = new Rounds();
        private final UnbufferedChannel<?>[] channels = new UnbufferedChannel<?>[Rounds.COUNT + 1];

        LateAlone() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                channels[i] = new UnbufferedChannel<Integer>();
            }
        }

        @SuppressWarnings("unchecked")
        private UnbufferedChannel<Integer> channel(int round) {
            return (UnbufferedChannel<Integer>) channels[round];
        }

        /** A blocking operation on a round's channel. */
        interface Operation {
            void run(UnbufferedChannel<Integer> ch, int round) throws Exception;
        }

        /**
         * The actor's loop: per round, a late {@code operation} that nobody completes, which
         * must end by throwing {@code ending}; anything else is an ERROR.
         */
        final void lateEveryRound(Operation operation, Class<? extends Exception> ending) {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.awaitBegun(i);
                late();
                try {
                    operation.run(channel(i), i);
                } catch (Exception e) {
                    if (!ending.isInstance(e)) {
                        throw new IllegalStateException("round " + i + " ended by " + e, e);
                    }
                    rounds.finished(i);
                    continue;
                }
                throw new IllegalStateException("round " + i + " completed with nobody on the other side");
            }
        }

        /** The signal's loop: per round, {@code action} on the round's channel once the round has begun. */
        final void everyRound(Consumer<UnbufferedChannel<Integer>> action) {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                action.accept(channel(i));
                if (!rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }

    /**
     * A late receiver on an unbuffered channel that nobody sends on is closed. Fails (STALE,
     * or ERROR) if the receive could miss the close, during its poll or after it, or end in
     * any other way than {@link ChannelClosedException}.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every late receive saw its close")
    @Outcome(expect = FORBIDDEN, desc = "a receive never ended (STALE) or ended otherwise (ERROR)")
    @State
    public static class LateReceiverClosed extends LateAlone {
        @Actor
        public void receive() {
            lateEveryRound((ch, i) -> ch.receive(), ChannelClosedException.class);
        }

        @Signal
        public void close() {
            everyRound(UnbufferedChannel::close);
        }
    }

    /** As {@link LateReceiverClosed}, for a late sender: its send throws once the channel is closed. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every late send saw its close")
    @Outcome(expect = FORBIDDEN, desc = "a send never ended (STALE) or ended otherwise (ERROR)")
    @State
    public static class LateSenderClosed extends LateAlone {
        @Actor
        public void send() {
            lateEveryRound(UnbufferedChannel::send, ChannelClosedException.class);
        }

        @Signal
        public void close() {
            everyRound(UnbufferedChannel::close);
        }
    }

    /**
     * A late receiver on an unbuffered channel that nobody sends on is interrupted. Fails
     * (STALE, or ERROR) if the receive could miss the interrupt, during its poll or after it,
     * or end in any other way than {@link InterruptedException}; the exception clears the
     * status, so no interrupt leaks into the next round.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every late receive threw InterruptedException")
    @Outcome(expect = FORBIDDEN, desc = "a receive never ended (STALE) or ended otherwise (ERROR)")
    @State
    public static class LateReceiverInterrupted extends LateAlone {
        private volatile Thread receiver;

        @Actor
        public void receive() {
            receiver = Thread.currentThread();
            lateEveryRound((ch, i) -> ch.receive(), InterruptedException.class);
        }

        @Signal
        public void interrupt() {
            if (Waits.until(() -> receiver != null)) {
                everyRound(ch -> receiver.interrupt());
            }
        }
    }
}
