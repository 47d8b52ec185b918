package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Lost wake-ups, the classic failure of a blocking protocol: a thread blocked in an untimed
 * send or receive must wake when the operation it waits for becomes possible, whichever
 * order the other side's change and its own register, re-check and park happen in.
 * {@code Mode.Termination}: the actor blocks, the signal makes progress possible, for
 * {@link Rounds#COUNT} rounds per sample, and jcstress reports {@code STALE} if the actor never
 * returns. The actor checks what it got in each round and throws (an {@code ERROR} outcome)
 * if it is wrong. Round {@code i} sends the element {@code i}.
 */
public final class BlockingStress {
    private BlockingStress() {
    }

    /** Throws (an ERROR outcome) unless {@code got} is the Integer {@code expected}. */
    public static void expect(int expected, Object got) {
        if (!(got instanceof Integer i) || i != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + got);
        }
    }

    /** The actor's loop: blocking receives, each of the round's element. */
    static int receiveEveryRound(Channel<Integer> ch, Rounds rounds) throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.awaitBegun(i);
            expect(i, ch.receive());
            rounds.finished(i);
        }
        return Rounds.COUNT;
    }

    /** The actor's loop: blocking sends of the round's element. */
    static int sendEveryRound(Channel<Integer> ch, Rounds rounds) throws InterruptedException {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.awaitBegun(i);
            ch.send(i);
            rounds.finished(i);
        }
        return Rounds.COUNT;
    }

    /** The signal's loop: a non-blocking send per round. */
    static void trySendEveryRound(Channel<Integer> ch, Rounds rounds) {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.begin(i);
            expect(1, Give.now(ch, i));
            if (!rounds.awaitFinished(i)) {
                return;
            }
        }
    }

    /** The signal's loop: a send per round, bounded so a broken channel cannot hang the harness. */
    static void timedSendEveryRound(Channel<Integer> ch, Rounds rounds) {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.begin(i);
            if (Give.within(ch, i, Waits.LIVENESS) != Give.SENT || !rounds.awaitFinished(i)) {
                return;
            }
        }
    }

    /** The signal's loop: a receive per round, bounded, of the round's element. */
    static void timedReceiveEveryRound(Channel<Integer> ch, Rounds rounds) {
        for (int i = 1; i <= Rounds.COUNT; i++) {
            rounds.begin(i);
            expect(i, Take.within(ch, Waits.LIVENESS));
            if (!rounds.awaitFinished(i)) {
                return;
            }
        }
    }

    /**
     * A receiver blocked on an empty buffered channel wakes when an element arrives. Fails
     * (STALE) if the sender's wake could miss a receiver that registered just before it, or
     * the receiver's re-check could miss an element offered just before it registered.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and got the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class ReceiverWakesOnSendBuffered {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveEveryRound(ch, rounds);
        }

        @Signal
        public void send() {
            trySendEveryRound(ch, rounds);
        }
    }

    /** As {@link ReceiverWakesOnSendBuffered}, on an unbounded channel. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and got the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class ReceiverWakesOnSendUnbounded {
        private final Channel<Integer> ch = Channels.unbounded();
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveEveryRound(ch, rounds);
        }

        @Signal
        public void send() {
            trySendEveryRound(ch, rounds);
        }
    }

    /**
     * A receiver blocked on an unbuffered channel wakes when a sender arrives. Fails (STALE)
     * if a sender could queue behind a receiver without matching it, or the match's unpark
     * could be lost.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the receiver woke and got the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class ReceiverWakesOnSendUnbuffered {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() throws InterruptedException {
            receiveEveryRound(ch, rounds);
        }

        @Signal
        public void send() {
            timedSendEveryRound(ch, rounds);
        }
    }

    /**
     * A sender blocked on a full buffered(1) channel wakes when a receiver takes the element.
     * Fails (STALE) if a poll did not wake the oldest blocked sender, or a registering
     * sender's re-check missed the freed slot.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the sender woke and stored its element every round")
    @Outcome(expect = FORBIDDEN, desc = "the sender never woke (STALE) or the channel misbehaved (ERROR)")
    @State
    public static class SenderWakesWhenReceiverTakesFromFullBuffer {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final Rounds rounds = new Rounds();

        public SenderWakesWhenReceiverTakesFromFullBuffer() {
            ch.trySend(0);
        }

        @Actor
        public void sender() throws InterruptedException {
            sendEveryRound(ch, rounds); // round i blocks behind element i - 1
        }

        @Signal
        public void receive() {
            for (int i = 1; i <= Rounds.COUNT; i++) {
                rounds.begin(i);
                expect(i - 1, Take.now(ch));
                if (!rounds.awaitFinished(i)) {
                    return;
                }
            }
        }
    }

    /**
     * An unbuffered sender wakes when a receiver arrives. Fails (STALE) if a receiver could
     * queue behind a sender without matching it, or the match's unpark could be lost.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the sender's element was taken every round")
    @Outcome(expect = FORBIDDEN, desc = "the sender never woke (STALE) or the channel misbehaved (ERROR)")
    @State
    public static class UnbufferedSenderWakesWhenReceiverArrives {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Rounds rounds = new Rounds();

        @Actor
        public void sender() throws InterruptedException {
            sendEveryRound(ch, rounds);
        }

        @Signal
        public void receive() {
            timedReceiveEveryRound(ch, rounds);
        }
    }

    /**
     * As {@link ReceiverWakesOnSendBuffered}, with the receiver on a virtual thread: once its
     * short spin is over, the wake-up must reach an unmounted thread.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the virtual receiver woke and got the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the virtual receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class VirtualReceiverWakesOnSendBuffered {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() {
            expect(Rounds.COUNT, VirtualParty.start(() -> receiveEveryRound(ch, rounds)).join());
        }

        @Signal
        public void send() {
            trySendEveryRound(ch, rounds);
        }
    }

    /** As {@link ReceiverWakesOnSendUnbuffered}, with the receiver on a virtual thread. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the virtual receiver woke and got the element every round")
    @Outcome(expect = FORBIDDEN, desc = "the virtual receiver never woke (STALE) or got something else (ERROR)")
    @State
    public static class VirtualReceiverWakesOnSendUnbuffered {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Rounds rounds = new Rounds();

        @Actor
        public void receiver() {
            expect(Rounds.COUNT, VirtualParty.start(() -> receiveEveryRound(ch, rounds)).join());
        }

        @Signal
        public void send() {
            timedSendEveryRound(ch, rounds);
        }
    }

    /** As {@link UnbufferedSenderWakesWhenReceiverArrives}, with the sender on a virtual thread. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the virtual sender's element was taken every round")
    @Outcome(expect = FORBIDDEN, desc = "the virtual sender never woke (STALE) or the channel misbehaved (ERROR)")
    @State
    public static class VirtualSenderWakesWhenReceiverArrives {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Rounds rounds = new Rounds();

        @Actor
        public void sender() {
            expect(Rounds.COUNT, VirtualParty.start(() -> sendEveryRound(ch, rounds)).join());
        }

        @Signal
        public void receive() {
            timedReceiveEveryRound(ch, rounds);
        }
    }

    /**
     * Two virtual threads play ping-pong over two unbuffered channels, so each waits right after
     * it unparked the other: the wait that finds its partner not yet resumed and spins on the
     * "behind a queued partner" budget, usually not at all ({@code CarrierHandoff}), and parks at
     * once. Fails (ERROR, or STALE) if parking without a spin could miss the partner's completion,
     * or if an element is lost or doubled. The signal has nothing to do: the two parties signal
     * each other.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "both virtual threads woke each other every round")
    @Outcome(expect = FORBIDDEN, desc = "a virtual thread never woke (STALE) or got something else (ERROR)")
    @State
    public static class VirtualPingPongWakesEachOther {
        private final Channel<Integer> ping = Channels.unbuffered();
        private final Channel<Integer> pong = Channels.unbuffered();

        @Actor
        public void play() {
            final VirtualParty server = VirtualParty.start(() -> {
                for (int i = 1; i <= Rounds.COUNT; i++) {
                    expect(i, ping.receive());
                    pong.send(i);
                }
                return Rounds.COUNT;
            });
            final VirtualParty client = VirtualParty.start(() -> {
                for (int i = 1; i <= Rounds.COUNT; i++) {
                    ping.send(i);
                    expect(i, pong.receive());
                }
                return Rounds.COUNT;
            });
            expect(Rounds.COUNT, client.join());
            expect(Rounds.COUNT, server.join());
        }

        @Signal
        public void nothing() {
            // the parties wake each other; a lost wake-up leaves play() blocked (STALE) or STUCK
        }
    }

    /**
     * Three virtual producers and a virtual consumer on one unbuffered channel, so most waits
     * follow no unpark of the waiting thread's own: a producer the consumer woke waits while the
     * consumer that another producer woke has not run yet, the case the channel's published
     * queued partner makes it spin for on the "others' partner" budget, usually not at all
     * ({@code SpinBudget.kind}), and park at once. Fails (ERROR, or STALE) if such a park could
     * miss the completion, or if an element is lost, doubled or out of its producer's order.
     * Caught an unannounced park planted on that path alone in 4 of 4 configurations
     * ({@code -m quick -iters 1 -sc false -time 50 -af NONE}), which
     * {@link VirtualPingPongWakesEachOther} passes: there every wait follows the waiter's own
     * unpark. Only without pinning: a JVM pinned to one CPU runs one carrier, where the
     * scheduling order made every wait but the first follow the waiter's own unpark (599 of 600
     * waits, counted by hand), and the plant passed.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "every producer and the consumer finished every round")
    @Outcome(expect = FORBIDDEN, desc = "a virtual thread never woke (STALE) or got something else (ERROR)")
    @State
    public static class VirtualProducersAndAConsumerWakeEachOther {
        private static final int PRODUCERS = 3;
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void play() {
            final VirtualParty consumer = VirtualParty.start(() -> {
                final int[] last = new int[PRODUCERS];
                for (int n = 0; n < PRODUCERS * Rounds.COUNT; n++) {
                    final int got = ch.receive();
                    final int p = got / (Rounds.COUNT + 1);
                    expect(last[p] + 1, got % (Rounds.COUNT + 1)); // each producer's 1, 2, ... in order
                    last[p]++;
                }
                return Rounds.COUNT;
            });
            final VirtualParty[] producers = new VirtualParty[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++) {
                final int base = p * (Rounds.COUNT + 1);
                producers[p] = VirtualParty.start(() -> {
                    for (int i = 1; i <= Rounds.COUNT; i++) {
                        ch.send(base + i);
                    }
                    return Rounds.COUNT;
                });
            }
            for (VirtualParty producer : producers) {
                expect(Rounds.COUNT, producer.join());
            }
            expect(Rounds.COUNT, consumer.join());
        }

        @Signal
        public void nothing() {
            // the parties wake each other; a lost wake-up leaves play() blocked (STALE) or STUCK
        }
    }
}
