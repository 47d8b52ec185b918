package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ArrayList;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.stress.Give;
import org.channels4j.stress.Interruption;
import org.channels4j.stress.Rounds;
import org.channels4j.stress.Take;
import org.channels4j.stress.VirtualParty;
import org.channels4j.stress.Waits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@code Select}: exactly one clause completes, whatever races it. A select's result is coded
 * as the Integer its clause returned (receive clauses return the element), {@code -1} for
 * its timeout or a plain "nothing", {@code -2} for a closed channel, {@code -3} for an
 * interrupt, {@code -4} for {@link Waits#LATE}, {@code 0} for {@code orElse} or, where stated,
 * a completed send. Other codes: {@link Give} and {@link Take}.
 */
public final class SelectStress {
    private SelectStress() {
    }

    /**
     * Runs a select and codes its outcome; {@link Waits#LATE} if it took a whole
     * {@link Waits#LIVENESS}, whatever it returned (a select with a lost wake-up wakes at its
     * liveness timeout and may then find its clause ready after all).
     */
    @SafeVarargs
    static int select(SelectClause<? extends Integer>... clauses) {
        final long start = System.nanoTime();
        try {
            final int selected = Select.select(clauses);
            return Waits.late(start, Waits.LIVENESS) ? Waits.LATE : selected;
        } catch (ChannelClosedException closed) {
            return Take.CLOSED;
        } catch (InterruptedException interrupted) {
            return Take.INTERRUPTED;
        }
    }

    /**
     * Waits until the select has registered on the fresh unbuffered channel {@code ch}: the
     * channel's version counts the nodes appended to its queues, and nothing else in these
     * tests registers there.
     */
    static boolean registered(Channel<Integer> ch) {
        final UnbufferedChannel<?> unbuffered = (UnbufferedChannel<?>) ch;
        return Waits.until(() -> unbuffered.receiveVersion() > 0);
    }

    /**
     * Two senders race to complete one select blocked on two unbuffered channels: exactly one
     * trySend succeeds and the select returns that sender's element. The select runs on a
     * virtual thread; both actors wait until it has registered on both channels. Fails if the
     * select's commit were not a single CAS on its waiter (both senders would succeed, and one
     * element would vanish), or if a sender skipped a live select waiter.
     */
    @JCStressTest
    @Outcome(id = "1, -1, 1", expect = ACCEPTABLE, desc = "the sender on a won; b's trySend was refused")
    @Outcome(id = "-1, 1, 2", expect = ACCEPTABLE, desc = "the sender on b won; a's trySend was refused")
    @Outcome(expect = FORBIDDEN, desc = "both or neither trySend succeeded, or the select returned the loser's element")
    @State
    public static class TwoSendersRaceForOneSelect {
        private final Channel<Integer> a = Channels.unbuffered();
        private final Channel<Integer> b = Channels.unbuffered();
        private volatile VirtualParty selector;
        /**
         * Set once the select is seen registered on both channels. A flag rather than a second
         * look at the queues: the first sender may complete the select, whose nodes are then
         * dropped from the queues before the second sender looks.
         */
        private volatile boolean registered;
        /** The second sender is spinning on {@link #go}, without yielding, so it starts at once. */
        private volatile boolean ready;
        private volatile boolean go;

        @Actor
        public void startSelectThenSendOnA(III_Result r) {
            selector = VirtualParty.start(() -> select(a.onReceive(), b.onReceive(),
                    Select.onTimeout(Waits.LIVENESS, () -> -1)));
            registered = registered(a) && registered(b);
            Waits.until(() -> ready);
            go = true;
            Waits.jitter(300); // about the other sender's delay in seeing go: either may win
            r.r1 = Give.now(a, 1);
        }

        @Actor
        public void sendOnB(III_Result r) {
            Waits.until(() -> registered);
            ready = true;
            while (!go) {
                Thread.onSpinWait();
            }
            r.r2 = Give.now(b, 2);
        }

        @Arbiter
        public void selected(III_Result r) {
            r.r3 = selector.joinInt(-9);
        }
    }

    /**
     * Three senders race to complete one select blocked on three unbuffered channels: exactly
     * one trySend succeeds and the select returns that sender's element. With three channel
     * clauses the select has a first node, its {@link SelectWaiter}, and two
     * {@link SelectNode}s on its list; the registration order is random, so across samples each
     * channel's node is of each kind. One actor starts the select and sends on a; the other
     * starts a virtual thread that sends on c and sends on b itself, so that all three race.
     * Fails if completing a
     * {@code SelectNode} did not commit its owner (two senders succeed, an element vanishes),
     * if a sender skipped a live node of either kind, or if the select returned an element
     * other than the one sent.
     */
    @JCStressTest
    @Outcome(id = "1, -1, -1, 1", expect = ACCEPTABLE, desc = "the sender on a won; b's and c's trySends were refused")
    @Outcome(id = "-1, 1, -1, 2", expect = ACCEPTABLE, desc = "the sender on b won")
    @Outcome(id = "-1, -1, 1, 3", expect = ACCEPTABLE, desc = "the sender on c won")
    @Outcome(expect = FORBIDDEN, desc = "more or fewer than one trySend succeeded, or the select returned a loser's element")
    @State
    public static class ThreeSendersRaceForOneSelect {
        private final Channel<Integer> a = Channels.unbuffered();
        private final Channel<Integer> b = Channels.unbuffered();
        private final Channel<Integer> c = Channels.unbuffered();
        private volatile VirtualParty selector;
        /** Set once the select is seen registered on all three channels (see the two-sender test). */
        private volatile boolean registered;
        private volatile boolean ready;
        private volatile boolean go;

        @Actor
        public void startSelectThenSendOnA(IIII_Result r) {
            selector = VirtualParty.start(() -> select(a.onReceive(), b.onReceive(), c.onReceive(),
                    Select.onTimeout(Waits.LIVENESS, () -> -1)));
            registered = registered(a) && registered(b) && registered(c);
            Waits.until(() -> ready);
            go = true;
            Waits.jitter(300); // about the other actor's delay in seeing go: any may win
            r.r1 = Give.now(a, 1);
        }

        @Actor
        public void sendOnBAndOnCFromAVirtualThread(IIII_Result r) {
            Waits.until(() -> registered);
            final VirtualParty onC = VirtualParty.start(() -> {
                while (!go) {
                    Thread.onSpinWait();
                }
                return Give.now(c, 3);
            });
            ready = true;
            while (!go) {
                Thread.onSpinWait();
            }
            r.r2 = Give.now(b, 2);
            r.r3 = onC.joinInt(-9);
        }

        @Arbiter
        public void selected(IIII_Result r) {
            r.r4 = selector.joinInt(-9);
        }
    }

    /**
     * A select blocked on two empty buffered channels while both receive an element: it takes
     * exactly one, and the other stays buffered. Fails if a select woken by one channel could
     * also complete the other clause, or a wake-up it did not use were dropped with the
     * element still buffered and the select never taking it.
     */
    @JCStressTest
    @Outcome(id = "1, -1, 2", expect = ACCEPTABLE, desc = "the select took a's element; b's remains")
    @Outcome(id = "2, 1, -1", expect = ACCEPTABLE, desc = "the select took b's element; a's remains")
    @Outcome(expect = FORBIDDEN, desc = "an element taken twice or lost, or the select never woke")
    @State
    public static class TwoBufferedSendsRaceForOneSelect {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(1);

        @Actor
        public void selector(III_Result r) {
            r.r1 = select(a.onReceive(), b.onReceive(), Select.onTimeout(Waits.LIVENESS, () -> -1));
        }

        @Actor
        public void sender() {
            a.trySend(1);
            b.trySend(2);
        }

        @Arbiter
        public void remaining(III_Result r) {
            r.r2 = Take.now(a);
            r.r3 = Take.now(b);
        }
    }

    /**
     * A select blocked sending to two full buffered channels while both get room: it stores
     * exactly one element, in the channel whose clause ran. Fails if a select woken by one
     * channel's free slot could also complete its send on the other, or report a clause it
     * did not complete.
     */
    @JCStressTest
    @Outcome(id = "1, 1, -1", expect = ACCEPTABLE, desc = "the select sent to a; b has room left")
    @Outcome(id = "2, -1, 2", expect = ACCEPTABLE, desc = "the select sent to b; a has room left")
    @Outcome(expect = FORBIDDEN, desc = "both elements stored, neither, or not the one the select reported")
    @State
    public static class SelectSendsToTwoFullBuffersStoresOne {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(1);

        public SelectSendsToTwoFullBuffersStoresOne() {
            a.trySend(0);
            b.trySend(0);
        }

        @Actor
        public void selector(III_Result r) {
            r.r1 = select(a.onSend(1, () -> 1), b.onSend(2, () -> 2), Select.onTimeout(Waits.LIVENESS, () -> -1));
        }

        @Actor
        public void receiver() {
            a.tryReceive();
            b.tryReceive();
        }

        @Arbiter
        public void stored(III_Result r) {
            r.r2 = Take.now(a);
            r.r3 = Take.now(b);
        }
    }

    /**
     * A select-send meets a select-receive on an unbuffered channel while both time out: both
     * commit or neither does. Fails if the handoff between two select waiters could commit
     * one and not the other (the matcher must cancel its own waiter before completing the
     * partner's, so neither can time out in between).
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "matched: the send clause and the receive clause both ran")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "missed: both timeouts ran")
    @Outcome(expect = FORBIDDEN, desc = "one side committed and the other timed out")
    @State
    public static class SelectSendMeetsSelectReceive {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sendingSelect(II_Result r) {
            Waits.jitter(2 * Waits.RACE.toNanos());
            r.r1 = select(ch.onSend(1, () -> 1), Select.onTimeout(Waits.RACE, () -> -1));
        }

        @Actor
        public void receivingSelect(II_Result r) {
            r.r2 = select(ch.onReceive(), Select.onTimeout(Waits.RACE, () -> -1));
        }
    }

    /**
     * A select blocked on a channel that closes and another that receives an element: it
     * completes exactly one of the two, and the element is either taken by it or still there.
     * Fails if close did not wake the select, or the select could run the closed branch and
     * also consume the element.
     */
    @JCStressTest
    @Outcome(id = "2, -1", expect = ACCEPTABLE, desc = "the select took b's element")
    @Outcome(id = "-2, 2", expect = ACCEPTABLE, desc = "the select ran a's closed branch; b's element remains")
    @Outcome(expect = FORBIDDEN, desc = "the select never woke, or took the element and also left it")
    @State
    public static class SelectReceiveVersusClose {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(1);

        @Actor
        public void selector(II_Result r) {
            r.r1 = select(a.onReceiveOrClosed(v -> v, cause -> -2), b.onReceive(),
                    Select.onTimeout(Waits.LIVENESS, () -> -1));
        }

        @Actor
        public void senderThenCloser() {
            b.trySend(2);
            a.close();
        }

        @Arbiter
        public void remaining(II_Result r) {
            r.r2 = Take.now(b);
        }
    }

    /**
     * A select-send blocked on an unbuffered channel racing a trySend-then-close receiver:
     * the element is taken (the send clause ran) or the close made the select throw. Fails if
     * close could release a select whose element was already handed over, or a handoff commit
     * a select that close had already released.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the receiver took the element; the send clause ran")
    @Outcome(id = "-2, -1", expect = ACCEPTABLE, desc = "the close came first; the select threw")
    @Outcome(expect = FORBIDDEN, desc = "the select and the receiver disagree, or close did not wake the select")
    @State
    public static class SelectSendVersusClose {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sendingSelect(II_Result r) {
            r.r1 = select(ch.onSend(1, () -> 1), Select.onTimeout(Waits.LIVENESS, () -> -1));
        }

        @Actor
        public void receiverThenCloser(II_Result r) {
            r.r2 = Take.now(ch);
            ch.close();
        }
    }

    /**
     * A select blocked on two unbuffered channels is interrupted while a sender tries to
     * complete it: either the clause ran (status kept) or the select threw and the sender's
     * trySend failed. Fails if an interrupted select could have completed a clause, which
     * would lose the sender's element.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the handoff won; the select returned it, status kept")
    @Outcome(id = "-3, -1, 0", expect = ACCEPTABLE, desc = "the interrupt won; no clause ran, trySend refused")
    @Outcome(expect = FORBIDDEN, desc = "an element lost or phantom, the interrupt ignored, or status lost")
    @State
    public static class InterruptedSelectCompletesNoClause {
        private final Channel<Integer> a = Channels.unbuffered();
        private final Channel<Integer> b = Channels.unbuffered();
        private final Interruption interruption = new Interruption();

        @Actor
        public void selector(III_Result r) {
            interruption.enter();
            r.r1 = select(a.onReceive(), b.onReceive(), Select.onTimeout(Waits.LIVENESS, () -> -1));
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenSender(III_Result r) {
            r.r2 = interruption.deliver() ? Give.now(a, 1) : 0;
        }
    }

    /**
     * A select blocked on two buffered channels is interrupted while an element arrives: the
     * element is taken by the select (status kept) or left in the channel. Fails if a select
     * woken by the element and by the interrupt at once could throw after taking it.
     */
    @JCStressTest
    @Outcome(id = "1, -1, 1", expect = ACCEPTABLE, desc = "the select took the element; status kept")
    @Outcome(id = "-3, 1, 0", expect = ACCEPTABLE, desc = "the interrupt won; the element is still buffered")
    @Outcome(expect = FORBIDDEN, desc = "the element lost or doubled, the interrupt ignored, or status lost")
    @State
    public static class InterruptedSelectOnBufferedChannelsTakesNothing {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(1);
        private final Interruption interruption = new Interruption();

        @Actor
        public void selector(III_Result r) {
            interruption.enter();
            r.r1 = select(a.onReceive(), b.onReceive(), Select.onTimeout(Waits.LIVENESS, () -> -1));
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenSender() {
            if (interruption.deliver()) {
                a.trySend(1);
            }
        }

        @Arbiter
        public void remaining(III_Result r) {
            r.r2 = Take.now(a);
        }
    }

    /**
     * Go's NonblockSelectRace: a non-blocking select over a channel that holds an element and
     * one that is receiving one never takes {@code orElse}. Fails if the select could report
     * "nothing ready" while one channel was ready the whole time (for example by deciding
     * readiness from a snapshot taken while the other channel was changing).
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "took c1's element; c2's remains")
    @Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "took c2's new element; c1's remains")
    @Outcome(expect = FORBIDDEN, desc = "orElse ran although c1 was ready, or an element lost or doubled")
    @State
    public static class NonblockingSelectNeverTakesOrElseWhenOneIsReady {
        private final Channel<Integer> c1 = Channels.buffered(1);
        private final Channel<Integer> c2 = Channels.buffered(1);

        public NonblockingSelectNeverTakesOrElseWhenOneIsReady() {
            c1.trySend(1);
        }

        @Actor
        public void selector(II_Result r) {
            r.r1 = select(c1.onReceive(), c2.onReceive(), Select.orElse(() -> 0));
        }

        @Actor
        public void sender() {
            c2.trySend(2);
        }

        @Arbiter
        public void remaining(II_Result r) {
            r.r2 = (Take.now(c1) > 0 ? 1 : 0) + (Take.now(c2) > 0 ? 1 : 0);
        }
    }

    /**
     * A non-blocking select over two channels of which, at every instant, at least one holds
     * an element: the other actor first fills c2, then empties c1. {@code orElse} may run only
     * if at one instant no clause was ready, so it must never run here. Fails if the select
     * decided "nothing ready" from readiness checks made one clause at a time (c2 seen empty
     * before the fill, c1 seen empty after the take) without confirming that nothing changed
     * in between. Clauses on {@link #IDLE_CHANNELS} channels that are never ready lengthen the
     * select's scan, so that the other actor's two steps fit between two of its checks.
     */
    @JCStressTest
    @Outcome(id = "1, -1, 2", expect = ACCEPTABLE, desc = "the select took c1's element first; c2's remains")
    @Outcome(id = "2, 1, -1", expect = ACCEPTABLE, desc = "the select took c2's element; the other actor took c1's")
    @Outcome(expect = FORBIDDEN, desc = "orElse ran although a channel held an element throughout, or an element lost or doubled")
    @State
    public static class NonblockingSelectNeverTakesOrElseWhileOneIsAlwaysReady {
        private final Channel<Integer> c1 = Channels.buffered(1);
        private final Channel<Integer> c2 = Channels.buffered(1);
        private final List<SelectClause<? extends Integer>> clauses = new ArrayList<>();

        public NonblockingSelectNeverTakesOrElseWhileOneIsAlwaysReady() {
            c1.trySend(1);
            // c2 first: a scan in argument order then looks at c2 before the fill and at c1
            // after the take
            clauses.add(c2.onReceive());
            for (int i = 0; i < IDLE_CHANNELS; i++) {
                clauses.add(Channels.<Integer>buffered(1).onReceive());
            }
            clauses.add(c1.onReceive());
            clauses.add(Select.orElse(() -> 0));
        }

        @Actor
        public void selector(III_Result r) {
            try {
                r.r1 = Select.select(clauses);
            } catch (InterruptedException e) {
                r.r1 = Take.INTERRUPTED;
            }
        }

        @Actor
        public void fillThenTake(III_Result r) {
            c2.trySend(2);
            r.r2 = Take.now(c1);
        }

        @Arbiter
        public void remaining(III_Result r) {
            r.r3 = Take.now(c2);
        }
    }

    /**
     * Go's NonblockSelectRace2: as {@link NonblockingSelectNeverTakesOrElseWhenOneIsReady},
     * with the second channel closing instead of receiving.
     */
    @JCStressTest
    @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "took c1's element")
    @Outcome(id = "-2, 1", expect = ACCEPTABLE, desc = "ran c2's closed branch; c1's element remains")
    @Outcome(expect = FORBIDDEN, desc = "orElse ran although c1 was ready, or c1's element lost or doubled")
    @State
    public static class NonblockingSelectNeverTakesOrElseWhenOtherCloses {
        private final Channel<Integer> c1 = Channels.buffered(1);
        private final Channel<Integer> c2 = Channels.buffered(1);

        public NonblockingSelectNeverTakesOrElseWhenOtherCloses() {
            c1.trySend(1);
        }

        @Actor
        public void selector(II_Result r) {
            r.r1 = select(c1.onReceive(), c2.onReceiveOrClosed(v -> v, cause -> -2), Select.orElse(() -> 0));
        }

        @Actor
        public void closer() {
            c2.close();
        }

        @Arbiter
        public void remaining(II_Result r) {
            r.r2 = Take.now(c1);
        }
    }

    /**
     * Two selects, each offering to send on and to receive from the same unbuffered channel:
     * one sends to the other, never to itself. Both block until matched (bounded by
     * {@link Waits#LIVENESS}), so a timeout is a failure. Fails if a select could match its
     * own node, both could send or both receive (a handoff with no partner), or two waiters
     * that could match each other both parked.
     */
    @JCStressTest
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the first select sent; the second received 1")
    @Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "the second select sent; the first received 2")
    @Outcome(expect = FORBIDDEN, desc = "a self-match, both sent or both received, or they never met")
    @State
    public static class SameChannelSendAndReceiveNeverSelfMatch {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void first(II_Result r) {
            r.r1 = select(ch.onSend(1, () -> 0), ch.onReceive(), Select.onTimeout(Waits.LIVENESS, () -> -1));
        }

        @Actor
        public void second(II_Result r) {
            r.r2 = select(ch.onSend(2, () -> 0), ch.onReceive(), Select.onTimeout(Waits.LIVENESS, () -> -1));
        }
    }

    /**
     * A select with two receive clauses on one buffered channel holding one element, racing a
     * plain tryReceive: the element goes to exactly one of the three. Fails if a select could
     * complete both of its clauses on one channel, or take {@code orElse} while the element
     * was there and nobody else took it.
     */
    @JCStressTest
    @Outcome(id = "1, -1, -1", expect = ACCEPTABLE, desc = "the select's first clause took it")
    @Outcome(id = "2, -1, -1", expect = ACCEPTABLE, desc = "the select's second clause took it")
    @Outcome(id = "0, 1, -1", expect = ACCEPTABLE, desc = "tryReceive took it first; the select ran orElse")
    @Outcome(expect = FORBIDDEN, desc = "the element taken twice or by nobody")
    @State
    public static class TwoReceiveClausesOnOneChannelTakeOneElement {
        private final Channel<Integer> ch = Channels.buffered(1);

        public TwoReceiveClausesOnOneChannelTakeOneElement() {
            ch.trySend(1);
        }

        @Actor
        public void selector(III_Result r) {
            r.r1 = select(ch.onReceive(v -> 1), ch.onReceive(v -> 2), Select.orElse(() -> 0));
        }

        @Actor
        public void receiver(III_Result r) {
            r.r2 = Take.now(ch);
        }

        @Arbiter
        public void remaining(III_Result r) {
            r.r3 = Take.now(ch);
        }
    }

    /**
     * {@code onTimeout} racing a sender on an unbuffered channel: the select received the
     * element (and trySend succeeded) or the timeout ran (and trySend failed). Fails if a
     * select whose deadline passed could still be matched and then report the timeout.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the sender came in time; the select received")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "the timeout ran; trySend found nobody")
    @Outcome(expect = FORBIDDEN, desc = "the select and the sender disagree about the handoff")
    @State
    public static class TimeoutRacingHandoff {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void selector(II_Result r) {
            r.r1 = select(ch.onReceive(), Select.onTimeout(Waits.RACE, () -> -1));
        }

        @Actor
        public void sender(II_Result r) {
            Waits.jitter(2 * Waits.RACE.toNanos());
            r.r2 = Give.now(ch, 1);
        }
    }

    /**
     * {@code onTimeout} racing an element arriving in a buffered channel: the select took it
     * or timed out and left it. Fails if the timeout branch could run after the select had
     * taken the element, or the element vanished.
     */
    @JCStressTest
    @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "the element came in time; the select took it")
    @Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "the timeout ran; the element is still buffered")
    @Outcome(expect = FORBIDDEN, desc = "the element taken and left, or lost")
    @State
    public static class TimeoutRacingBufferedElement {
        private final Channel<Integer> ch = Channels.buffered(1);

        @Actor
        public void selector(II_Result r) {
            r.r1 = select(ch.onReceive(), Select.onTimeout(Waits.RACE, () -> -1));
        }

        @Actor
        public void sender() {
            Waits.jitter(2 * Waits.RACE.toNanos());
            ch.trySend(1);
        }

        @Arbiter
        public void remaining(II_Result r) {
            r.r2 = Take.now(ch);
        }
    }

    /** Never-ready channels in {@link NonblockingSelectNeverTakesOrElseWhileOneIsAlwaysReady}. */
    static final int IDLE_CHANNELS = 6;

    /** Rounds of {@link UnusedWakeUpIsForwarded}: each starts a virtual thread and waits for two parks. */
    static final int FORWARDING_ROUNDS = 50;

    @SuppressWarnings("unchecked")
    static Channel<Integer>[] bufferedChannels(int count) {
        final Channel<Integer>[] chs = new Channel[count + 1];
        for (int i = 1; i <= count; i++) {
            chs[i] = Channels.buffered(1);
        }
        return chs;
    }

    /**
     * A wake-up the select does not use is passed on. A select S (on a virtual thread) on
     * channels a and b parks first, then a plain receiver R parks on a behind it. The signal
     * puts an element in a, which wakes the oldest waiter on a, S, then one in b. S picks one
     * of the two at random; when it picks b, the element in a is for R, and only the wake-up
     * S forwards can reach R, which would otherwise sleep forever (the signal gives R another
     * element when S took a's). {@link #FORWARDING_ROUNDS} rounds per sample, fresh channels
     * each. Fails (STALE) if a select that completes a clause other than the one it was woken
     * for drops the wake-up.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver behind the select got an element every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver behind the select never woke (STALE), or a wrong element (ERROR)")
    @State
    public static class UnusedWakeUpIsForwarded {
        private final Channel<Integer>[] as = bufferedChannels(FORWARDING_ROUNDS);
        private final Channel<Integer>[] bs = bufferedChannels(FORWARDING_ROUNDS);
        private volatile Thread receiver;
        private volatile VirtualParty selector;
        /** The round whose receive the actor is entering. */
        private volatile int entered;
        private volatile int finished;

        @Actor
        public void receiver() throws InterruptedException {
            receiver = Thread.currentThread();
            for (int i = 1; i <= FORWARDING_ROUNDS; i++) {
                final Channel<Integer> a = as[i];
                final Channel<Integer> b = bs[i];
                final VirtualParty s = VirtualParty.start(() -> Select.select(a.onReceive(), b.onReceive()));
                if (!Waits.untilParked(s.thread())) {
                    throw new IllegalStateException("the select never parked");
                }
                selector = s;
                entered = i;
                final int got = a.receive(); // parks behind the select on a
                if (got != 1 && got != 3) {
                    throw new IllegalStateException("received " + got);
                }
                finished = i;
            }
        }

        @Signal
        public void send() {
            for (int i = 1; i <= FORWARDING_ROUNDS; i++) {
                final int round = i;
                if (!Waits.until(() -> entered >= round) || !Waits.untilParked(receiver)) {
                    return;
                }
                // Read this round's select before sending: once the elements land, the receiver
                // may finish the round and publish the next round's select in the same field.
                final VirtualParty s = selector;
                as[i].trySend(1); // wakes the select, the oldest waiter on a
                bs[i].trySend(2);
                final int selected = s.joinInt(-9);
                if (selected == 1) {
                    as[i].trySend(3); // the select took a's element: give the receiver another
                } else if (selected != 2) {
                    return;
                }
                if (!Waits.until(() -> finished >= round)) {
                    return;
                }
            }
        }
    }

    /** The actor's loop: a blocking select per round that must take the round's element from b. */
    static void selectEveryRound(Channel<Integer> a, Channel<Integer> b, Rounds rounds)
            throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.awaitBegun(i);
            final int got = Select.select(a.onReceive(), b.onReceive());
            if (got != i) {
                throw new IllegalStateException("round " + i + " selected " + got);
            }
            rounds.finished(i);
        }
    }

    /**
     * A select blocked on two empty buffered channels wakes when one receives an element, for
     * {@link Rounds#COUNT} rounds per sample. Fails (STALE) if the select's registration on
     * several queues could miss a send that landed between its attempt and its re-check.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the select woke and took the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the select never woke (STALE) or took something else (ERROR)")
    @State
    public static class BlockedSelectWakesOnSendBuffered {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(1);
        private final Rounds rounds = new Rounds();

        @Actor
        public void selector() throws InterruptedException {
            selectEveryRound(a, b, rounds);
        }

        @Signal
        public void send() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                if (!b.trySend(i) || !rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }

    /** As {@link BlockedSelectWakesOnSendBuffered}, on unbuffered channels. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the select woke and took the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the select never woke (STALE) or took something else (ERROR)")
    @State
    public static class BlockedSelectWakesOnSendUnbuffered {
        private final Channel<Integer> a = Channels.unbuffered();
        private final Channel<Integer> b = Channels.unbuffered();
        private final Rounds rounds = new Rounds();

        @Actor
        public void selector() throws InterruptedException {
            selectEveryRound(a, b, rounds);
        }

        @Signal
        public void send() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                if (Give.within(b, i, Waits.LIVENESS) != Give.SENT || !rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }
}
