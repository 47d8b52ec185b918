package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.ZZI_Result;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * Close racing everything else, for each channel kind. Codes: {@link Give} and {@link Take}.
 * The contract: an element whose send returned normally is received exactly once, one whose
 * send threw is never received; close wakes every blocked operation; only the first close
 * returns true and fixes the cause; receivers drain what was buffered before the close.
 */
public final class CloseStress {
    private static final RuntimeException CAUSE_ONE = new RuntimeException("first");
    private static final RuntimeException CAUSE_TWO = new RuntimeException("second");

    private CloseStress() {
    }

    /**
     * A send racing close on an empty buffered channel: the element is accepted and then
     * received, or the send throws and it is never received. Fails if "accepted before the
     * close" were decided apart from the buffer's own close bit (an accepted element dropped,
     * or a refused one drained).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1, -2", expect = ACCEPTABLE, desc = "sent before the close; drained, then closed")
    @Outcome(id = "-2, 1, -2, -2", expect = ACCEPTABLE, desc = "closed first; the send threw; nothing to drain")
    @Outcome(expect = FORBIDDEN, desc = "a sent element lost, a refused one received, or close returned false")
    @State
    public static class CloseVersusSendBuffered {
        private final Channel<Integer> ch = Channels.buffered(1);

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.blocking(ch, 1);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = ch.close() ? 1 : 0;
        }

        @Arbiter
        public void drain(IIII_Result r) {
            r.r3 = Take.now(ch);
            r.r4 = Take.now(ch);
        }
    }

    /** As {@link CloseVersusSendBuffered}, on an unbounded channel. */
    @JCStressTest
    @Outcome(id = "1, 1, 1, -2", expect = ACCEPTABLE, desc = "sent before the close; drained, then closed")
    @Outcome(id = "-2, 1, -2, -2", expect = ACCEPTABLE, desc = "closed first; the send threw; nothing to drain")
    @Outcome(expect = FORBIDDEN, desc = "a sent element lost, a refused one received, or close returned false")
    @State
    public static class CloseVersusSendUnbounded {
        private final Channel<Integer> ch = Channels.unbounded();

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.blocking(ch, 1);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = ch.close() ? 1 : 0;
        }

        @Arbiter
        public void drain(IIII_Result r) {
            r.r3 = Take.now(ch);
            r.r4 = Take.now(ch);
        }
    }

    /**
     * A send on an unbuffered channel racing a trySend-then-close receiver: the receiver
     * takes the element from a waiting sender, or the close wakes the sender, which throws.
     * Fails if close could wake a sender whose element was already taken (the send would
     * throw although received), a handoff could complete with a sender close had already
     * released, or close failed to wake the sender at all.
     */
    @JCStressTest
    @Outcome(id = "1, 1, -2", expect = ACCEPTABLE, desc = "the sender was waiting; received, then closed")
    @Outcome(id = "-2, -1, -2", expect = ACCEPTABLE, desc = "no sender waiting yet; close made the send throw")
    @Outcome(expect = FORBIDDEN, desc = "the send and the receive disagree, or close did not wake the sender")
    @State
    public static class CloseVersusSendUnbuffered {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sender(III_Result r) {
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
        }

        @Actor
        public void receiverThenCloser(III_Result r) {
            r.r2 = Take.now(ch);
            ch.close();
        }

        @Arbiter
        public void afterwards(III_Result r) {
            r.r3 = Take.now(ch);
        }
    }

    /**
     * A sender blocked on a full buffered channel is released by a receive and, at the same
     * moment, by close: its element either took the freed slot (and is drained) or the send
     * threw (and nothing is left). Fails if a sender woken by close could still store its
     * element after the close, or a sender woken by the receive could report failure after
     * storing it.
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1, -2", expect = ACCEPTABLE, desc = "the freed slot went to the blocked sender before the close")
    @Outcome(id = "-2, 0, -2, -2", expect = ACCEPTABLE, desc = "the close came first; the send threw")
    @Outcome(expect = FORBIDDEN, desc = "the send and the drain disagree, or close did not wake the sender")
    @State
    public static class CloseVersusBlockedSendOnFullBuffer {
        private final Channel<Integer> ch = Channels.buffered(1);

        public CloseVersusBlockedSendOnFullBuffer() {
            ch.trySend(0);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
        }

        @Actor
        public void receiverThenCloser(IIII_Result r) {
            r.r2 = Take.now(ch);
            ch.close();
        }

        @Arbiter
        public void drain(IIII_Result r) {
            r.r3 = Take.now(ch);
            r.r4 = Take.now(ch);
        }
    }

    /**
     * Go's NonblockRecvRace: a non-blocking receive on a buffered channel holding one element,
     * racing close, always gets the element; afterwards the channel is closed and drained.
     * Fails if close made a buffered element unreachable, or tryReceive reported "empty" or
     * "closed" while an element was buffered.
     */
    @JCStressTest
    @Outcome(id = "1, 1, -2", expect = ACCEPTABLE, desc = "tryReceive got the element; then closed and drained")
    @Outcome(expect = FORBIDDEN, desc = "the element missed, or the closed-and-drained state inconsistent")
    @State
    public static class TryReceiveRacingCloseGetsBufferedElement {
        private final Channel<Integer> ch = Channels.buffered(1);

        public TryReceiveRacingCloseGetsBufferedElement() {
            ch.trySend(1);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r1 = Take.now(ch);
        }

        @Actor
        public void closer() {
            ch.close();
        }

        @Arbiter
        public void afterwards(III_Result r) {
            r.r2 = ch.isClosedForReceive() ? 1 : 0;
            r.r3 = Take.now(ch);
        }
    }

    /** As {@link TryReceiveRacingCloseGetsBufferedElement}, on an unbounded channel. */
    @JCStressTest
    @Outcome(id = "1, 1, -2", expect = ACCEPTABLE, desc = "tryReceive got the element; then closed and drained")
    @Outcome(expect = FORBIDDEN, desc = "the element missed, or the closed-and-drained state inconsistent")
    @State
    public static class TryReceiveRacingCloseGetsUnboundedElement {
        private final Channel<Integer> ch = Channels.unbounded();

        public TryReceiveRacingCloseGetsUnboundedElement() {
            ch.trySend(1);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r1 = Take.now(ch);
        }

        @Actor
        public void closer() {
            ch.close();
        }

        @Arbiter
        public void afterwards(III_Result r) {
            r.r2 = ch.isClosedForReceive() ? 1 : 0;
            r.r3 = Take.now(ch);
        }
    }

    /**
     * Two receivers parked on an unbuffered channel, {@code R1} first (each a
     * {@link VirtualParty}, the second started only once the first is parked), then a
     * {@code trySend(1)} racing {@code close()}: the send hands 1 to {@code R1}, and close must
     * still wake {@code R2}, which then throws; or close comes first, both receivers throw and
     * so does the send. r1, r2: {@code R1}'s and {@code R2}'s timed receives ({@link Take});
     * r3: the send ({@link Give}); r4: close's result. Fails ({@code LATE}) if a handoff hides
     * the other waiter from close's wake-up, as a matcher that advances the wait queue's head
     * to the node after the one it matched would: {@code R2}'s node becomes the sentinel, which
     * {@code wakeAll} never visits. Also fails if the send reports success with nobody holding
     * 1, or 1 is received twice.
     *
     * <p>Interesting, by the close rule ({@code UnbufferedChannel}'s "Close": a send that
     * passed its close check may still complete afterwards): the send passed its check just
     * before the close, and close's wake-up, which walks the queue oldest first, had already
     * ended {@code R1}'s wait when the send looked for a receiver. The send then gives 1 to
     * {@code R2}, or, if both were woken, finds nobody and returns false; either way the element
     * is received once or never. So here arrival order yields to close: {@code R2} may get the
     * element although {@code R1} parked first. The outcome looks the same as a sender serving
     * {@code R2} while {@code R1} still waited, which this test therefore cannot tell apart
     * (only by its frequency: a few percent of samples, against nearly every sample where the
     * send comes first); {@link ArrivalOrderStress} checks that order without a close.
     */
    @JCStressTest
    @Outcome(id = "1, -2, 1, 1", expect = ACCEPTABLE, desc = "the send came first and gave 1 to R1; close woke R2")
    @Outcome(id = "-2, -2, -2, 1", expect = ACCEPTABLE, desc = "close came first: both receivers woke closed, the send threw")
    @Outcome(id = "-2, 1, 1, 1", expect = ACCEPTABLE_INTERESTING,
            desc = "the send passed its close check first, but close had woken R1 before it looked: R2 got 1")
    @Outcome(id = "-2, -2, -1, 1", expect = ACCEPTABLE_INTERESTING,
            desc = "the send passed its close check first, but close had woken both receivers: trySend false")
    @Outcome(expect = FORBIDDEN, desc = "a receiver never woken (LATE) or never parked (-9), 1 received twice, "
            + "or a send reported sent with nobody holding 1")
    @State
    public static class CloseAfterHandoffWakesTheOtherParkedReceiver {
        /** How long, at most, close waits after the send was let go: lands it before, inside and after the handoff. */
        private static final long CLOSE_JITTER_NANOS = 5_000;

        private final Channel<Integer> ch = Channels.unbuffered();
        private volatile boolean ready;
        private VirtualParty first;
        private VirtualParty second;
        private boolean firstParked;
        private boolean secondParked;

        @Actor
        public void receiversThenCloser(IIII_Result r) {
            first = VirtualParty.start(() -> Take.within(ch, Waits.LIVENESS));
            firstParked = Waits.untilParked(first.thread());
            second = VirtualParty.start(() -> Take.within(ch, Waits.LIVENESS));
            secondParked = Waits.untilParked(second.thread());
            ready = true;
            Waits.jitter(CLOSE_JITTER_NANOS);
            r.r4 = ch.close() ? 1 : 0;
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r3 = Waits.until(() -> ready) ? Give.now(ch, 1) : Give.LATE;
        }

        @Arbiter
        public void receivers(IIII_Result r) {
            r.r1 = firstParked ? first.joinInt(ArrivalOrderStress.NEVER_PARKED) : ArrivalOrderStress.NEVER_PARKED;
            r.r2 = secondParked ? second.joinInt(ArrivalOrderStress.NEVER_PARKED) : ArrivalOrderStress.NEVER_PARKED;
        }
    }

    /**
     * Two concurrent closes: exactly one returns true, and once either has returned a send
     * fails, the loser's included. Fails if both could win the close CAS, or if the losing
     * close returned before the close took effect (the two-step close in AbstractChannel).
     */
    @JCStressTest
    @Outcome(id = "true, false, true, true", expect = ACCEPTABLE, desc = "the first close won; both later sends threw")
    @Outcome(id = "false, true, true, true", expect = ACCEPTABLE, desc = "the second close won; both later sends threw")
    @Outcome(expect = FORBIDDEN, desc = "both or neither close won, or a send after a returned close succeeded")
    @State
    public static class TwoClosesExactlyOneWinsBuffered {
        private final Channel<Integer> ch = Channels.buffered(2);

        @Actor
        public void first(ZZZZ_Result r) {
            r.r1 = ch.close();
            r.r3 = Give.now(ch, 1) == Give.CLOSED;
        }

        @Actor
        public void second(ZZZZ_Result r) {
            r.r2 = ch.close();
            r.r4 = Give.now(ch, 2) == Give.CLOSED;
        }
    }

    /** As {@link TwoClosesExactlyOneWinsBuffered}, on an unbuffered channel. */
    @JCStressTest
    @Outcome(id = "true, false, true, true", expect = ACCEPTABLE, desc = "the first close won; both later sends threw")
    @Outcome(id = "false, true, true, true", expect = ACCEPTABLE, desc = "the second close won; both later sends threw")
    @Outcome(expect = FORBIDDEN, desc = "both or neither close won, or a send after a returned close did not throw")
    @State
    public static class TwoClosesExactlyOneWinsUnbuffered {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void first(ZZZZ_Result r) {
            r.r1 = ch.close();
            r.r3 = Give.now(ch, 1) == Give.CLOSED;
        }

        @Actor
        public void second(ZZZZ_Result r) {
            r.r2 = ch.close();
            r.r4 = Give.now(ch, 2) == Give.CLOSED;
        }
    }

    /**
     * Two closes with different causes: the cause receivers see is the winner's. Fails if the
     * cause were written apart from the CAS that decides the winner (the loser's cause
     * overwriting it, or receivers seeing none).
     */
    @JCStressTest
    @Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "the first close won; its cause is reported")
    @Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "the second close won; its cause is reported")
    @Outcome(expect = FORBIDDEN, desc = "the reported cause is not the winner's, or both or neither won")
    @State
    public static class OnlyTheWinningCloseFixesTheCause {
        private final Channel<Integer> ch = Channels.buffered(1);

        @Actor
        public void first(ZZI_Result r) {
            r.r1 = ch.close(CAUSE_ONE);
        }

        @Actor
        public void second(ZZI_Result r) {
            r.r2 = ch.close(CAUSE_TWO);
        }

        @Arbiter
        public void cause(ZZI_Result r) {
            try {
                ch.tryReceive();
                r.r3 = 0;
            } catch (ChannelClosedException e) {
                r.r3 = e.getCause() == CAUSE_ONE ? 1 : e.getCause() == CAUSE_TWO ? 2 : -1;
            }
        }
    }

    /** One fresh channel per round: close is final. */
    static Channel<Integer>[] channels(Supplier<Channel<Integer>> factory) {
        @SuppressWarnings("unchecked")
        final Channel<Integer>[] chs = new Channel[Rounds.COUNT + 1];
        for (int i = 1; i <= Rounds.COUNT; i++) {
            chs[i] = factory.get();
        }
        return chs;
    }

    /** The actor's loop: a blocking receive per round that must end with {@link ChannelClosedException}. */
    static void receiveUntilClosed(Channel<Integer>[] chs, Rounds rounds) throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.awaitBegun(i);
            try {
                chs[i].receive();
                throw new IllegalStateException("received from a channel nobody sent to");
            } catch (ChannelClosedException expected) {
                rounds.finished(i);
            }
        }
    }

    /** The actor's loop: a blocking send per round that must end with {@link ChannelClosedException}. */
    static void sendUntilClosed(Channel<Integer>[] chs, Rounds rounds) throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.awaitBegun(i);
            try {
                chs[i].send(i);
                throw new IllegalStateException("a send completed with nobody receiving and no room");
            } catch (ChannelClosedException expected) {
                rounds.finished(i);
            }
        }
    }

    /** The signal's loop: closes round i's channel. */
    static void closeEveryRound(Channel<Integer>[] chs, Rounds rounds) {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.begin(i);
            chs[i].close();
            if (!rounds.awaitFinished(i)) {
                return;
            }
        }
    }

    /**
     * Close wakes a receiver blocked on an empty buffered channel, which then throws; one
     * fresh channel per {@linkplain Rounds round}. Fails (STALE) on a lost wake-up: close not
     * reaching a receiver that registered just before, or a registering receiver whose
     * re-check misses the close.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and saw the channel closed every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or ended wrongly (ERROR)")
    @State
    public static class CloseWakesBlockedReceiverBuffered {
        private final Channel<Integer>[] chs = channels(() -> Channels.buffered(1));
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveUntilClosed(chs, rounds);
        }

        @Signal
        public void close() {
            closeEveryRound(chs, rounds);
        }
    }

    /** As {@link CloseWakesBlockedReceiverBuffered}, on unbounded channels. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and saw the channel closed every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or ended wrongly (ERROR)")
    @State
    public static class CloseWakesBlockedReceiverUnbounded {
        private final Channel<Integer>[] chs = channels(Channels::unbounded);
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveUntilClosed(chs, rounds);
        }

        @Signal
        public void close() {
            closeEveryRound(chs, rounds);
        }
    }

    /** As {@link CloseWakesBlockedReceiverBuffered}, on unbuffered channels. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and saw the channel closed every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or ended wrongly (ERROR)")
    @State
    public static class CloseWakesBlockedReceiverUnbuffered {
        private final Channel<Integer>[] chs = channels(Channels::unbuffered);
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveUntilClosed(chs, rounds);
        }

        @Signal
        public void close() {
            closeEveryRound(chs, rounds);
        }
    }

    /**
     * Close wakes a sender blocked on a full buffered channel, which then throws. Fails
     * (STALE) if close woke only receivers, or a registering sender's re-check missed it.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the sender woke and threw every round")
    @Outcome(expect = FORBIDDEN, desc = "the sender never woke (STALE) or ended wrongly (ERROR)")
    @State
    public static class CloseWakesBlockedSenderBuffered {
        private final Channel<Integer>[] chs = channels(() -> {
            final Channel<Integer> full = Channels.buffered(1);
            full.trySend(0);
            return full;
        });
        private final Rounds rounds = new Rounds();

        @Actor
        public void sender() throws InterruptedException {
            sendUntilClosed(chs, rounds);
        }

        @Signal
        public void close() {
            closeEveryRound(chs, rounds);
        }
    }

    /** As {@link CloseWakesBlockedSenderBuffered}, for a sender waiting for a receiver. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the sender woke and threw every round")
    @Outcome(expect = FORBIDDEN, desc = "the sender never woke (STALE) or ended wrongly (ERROR)")
    @State
    public static class CloseWakesBlockedSenderUnbuffered {
        private final Channel<Integer>[] chs = channels(Channels::unbuffered);
        private final Rounds rounds = new Rounds();

        @Actor
        public void sender() throws InterruptedException {
            sendUntilClosed(chs, rounds);
        }

        @Signal
        public void close() {
            closeEveryRound(chs, rounds);
        }
    }
}
