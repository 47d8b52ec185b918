package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, FIFO: "threads blocked on one channel are served in arrival order", for threads
 * blocked in a select over several channels. Such a thread is blocked on each of its channels
 * at once, so on each of them it must take its place by its arrival, among plain receivers or
 * senders and other selects, and once served through one channel it must give up its place on
 * the others. ({@code ReceiveChannel} and {@code SendChannel} say the same: "blocked receivers
 * are served in arrival order", "blocked senders are served in arrival order".)
 *
 * <p>The waiters start one at a time, each parked ({@link Forked#awaitBlocked}) before the next
 * starts, so arrival order is the start order on every channel a waiter names. The test then
 * sends (or receives) one element at a time and waits for the one waiter it served; a model of
 * the queues says which waiter that must be: the oldest live one with a clause of the other
 * direction on that channel. On buffered channels a multi-clause select is woken rather than
 * served ({@code BufferChannel}); with nobody else arriving, what woke it is still there when it
 * looks. The waiters never face each other (each channel has waiters of one direction only), so
 * the exception for two crossing multi-clause selects on an unbuffered channel
 * ({@code UnbufferedChannel}, "Arrival order, and where it is not kept") does not arise.
 */
@Timeout(60)
class SelectFifoTest {
    private static final Duration PATIENCE = Forked.PATIENCE;
    /** The channels the test thread serves {@link #oneWay}'s waiters through, in turn. */
    private static final List<Integer> ONE_WAY_POKES = List.of(1, 0, 2, 0, 1, 2, 0, 0);

    /** The capacities of the test's three channels. */
    enum Kind {
        UNBUFFERED(0, 0, 0),
        BUFFERED_1(1, 1, 1),
        UNBOUNDED(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
        /** Channel 1, the one both-ways waiters send on, blocks; 2 is unbounded. */
        MIXED(0, 1, Integer.MAX_VALUE),
        /** Every channel can block a sender. */
        MIXED_BOUNDED(1, 0, 3);

        private final int[] capacities;

        Kind(int... capacities) {
            this.capacities = capacities;
        }

        int capacity(int channel) {
            return capacities[channel];
        }

        List<Channel<Integer>> create() {
            final List<Channel<Integer>> channels = new ArrayList<>();
            for (int c : capacities) {
                channels.add(c == 0 ? Channels.unbuffered() : c == Integer.MAX_VALUE ? Channels.unbounded()
                        : Channels.buffered(c));
            }
            return channels;
        }

        boolean blocksSendersOn(int channel) {
            return capacities[channel] != Integer.MAX_VALUE;
        }
    }

    /** One clause of a waiter: send on, or receive from, channel {@code channel}. */
    record Op(int channel, boolean sends) {
        static Op receive(int channel) {
            return new Op(channel, false);
        }

        static Op send(int channel) {
            return new Op(channel, true);
        }

        @Override
        public String toString() {
            return (sends ? "send on " : "receive from ") + channel;
        }
    }

    /**
     * A blocked thread: a plain (or, if {@code timed}, timed) send or receive for one op, a
     * select over the ops for more (with an {@code onTimeout} clause far away if {@code timed}).
     */
    record Waiter(boolean timed, List<Op> ops) {
        static Waiter of(Op... ops) {
            return new Waiter(false, List.of(ops));
        }

        static Waiter timed(Op... ops) {
            return new Waiter(true, List.of(ops));
        }

        boolean waitsFor(Op poke) {
            return ops.stream().anyMatch(op -> op.channel() == poke.channel() && op.sends() != poke.sends());
        }
    }

    /** What a waiter did: received {@code element} from, or sent it on, {@code channel}. */
    record Served(int channel, int element) {
    }

    /**
     * Three receive waiters are selects over two and three channels (one of them timed), the
     * others plain or timed receives ({@link #oneWay}).
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("everyKind")
    void selectingAndPlainReceiversAreServedInArrivalOrderOnEveryChannel(Kind kind, ThreadKind threads)
            throws InterruptedException {
        serveOneAtATime(kind, threads, oneWay(Op::receive), ONE_WAY_POKES.stream().map(Op::send).toList());
    }

    /** The same waiters as senders, blocked on channels that are full or have no receiver. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("kindsThatBlockSenders")
    void selectingAndPlainSendersAreServedInArrivalOrderOnEveryChannel(Kind kind, ThreadKind threads)
            throws InterruptedException {
        serveOneAtATime(kind, threads, oneWay(Op::send), ONE_WAY_POKES.stream().map(Op::receive).toList());
    }

    /**
     * Waiters that all receive, or all send ({@code op}), on channels 0 to 2. Served through
     * {@link #ONE_WAY_POKES}, the elements reach in turn: a select at the front of the second
     * channel it registered on; a plain waiter behind that select's dead node on its first;
     * selects and plain waiters each in front of the other. Expected order of service: 0, 1, 2,
     * 4, 3, 5, 6, 7.
     */
    private static List<Waiter> oneWay(IntFunction<Op> op) {
        return List.of(
                Waiter.of(op.apply(0), op.apply(1)),
                Waiter.of(op.apply(0)),
                Waiter.timed(op.apply(1), op.apply(2)),
                Waiter.timed(op.apply(1)),
                Waiter.of(op.apply(2), op.apply(0), op.apply(1)),
                Waiter.of(op.apply(2)),
                Waiter.of(op.apply(0), op.apply(2)),
                Waiter.of(op.apply(0)));
    }

    /**
     * Selects that send on channel 1 and receive from channels 0 and 2 keep their place among
     * the plain senders of channel 1 and the plain receivers of 0 and 2. Expected order of
     * service: 0, 2, 3, 1, 5, 7, 4, 6.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("kindsThatBlockSendersOnChannelOne")
    void selectsThatSendAndReceiveKeepTheirPlaceInBothQueues(Kind kind, ThreadKind threads)
            throws InterruptedException {
        final List<Waiter> waiters = List.of(
                Waiter.of(Op.receive(0), Op.send(1)),
                Waiter.of(Op.send(1)),
                Waiter.of(Op.receive(0)),
                Waiter.of(Op.send(1), Op.receive(2), Op.receive(0)),
                Waiter.of(Op.receive(2)),
                Waiter.timed(Op.receive(2), Op.send(1)),
                Waiter.of(Op.send(1)),
                Waiter.of(Op.receive(0)));
        final List<Op> pokes = List.of(
                Op.receive(1), Op.send(0), Op.send(2), Op.receive(1),
                Op.receive(1), Op.send(0), Op.send(2), Op.receive(1));
        serveOneAtATime(kind, threads, waiters, pokes);
    }

    static Stream<Arguments> everyKind() {
        return kindsWhere(kind -> true);
    }

    static Stream<Arguments> kindsThatBlockSenders() {
        return kindsWhere(kind -> kind.blocksSendersOn(0) && kind.blocksSendersOn(1) && kind.blocksSendersOn(2));
    }

    static Stream<Arguments> kindsThatBlockSendersOnChannelOne() {
        return kindsWhere(kind -> kind.blocksSendersOn(1));
    }

    private static Stream<Arguments> kindsWhere(Predicate<Kind> filter) {
        return Stream.of(Kind.values()).filter(filter)
                .flatMap(kind -> Stream.of(ThreadKind.values()).map(threads -> Arguments.of(kind, threads)));
    }

    /**
     * Parks {@code waiters} in order, then makes each of {@code pokes} (the test thread's own
     * send of a fresh element, or receive) and checks that the oldest live waiter it could
     * serve, and only that one, finished with what the poke gave or took. Bounded channels that
     * senders wait on are filled first, and a receive then takes the oldest buffered element
     * while the freed slot goes to the oldest waiting sender; the model keeps each buffer's
     * contents to say what each receive must return and what must be left at the end.
     */
    private static void serveOneAtATime(Kind kind, ThreadKind threads, List<Waiter> waiters, List<Op> pokes)
            throws InterruptedException {
        final List<Channel<Integer>> channels = kind.create();
        final List<ArrayDeque<Integer>> buffers = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            final ArrayDeque<Integer> buffer = new ArrayDeque<>();
            final int channel = c;
            final boolean sendersWait = waiters.stream().anyMatch(w -> w.waitsFor(Op.receive(channel)));
            for (int i = 0; sendersWait && i < kind.capacity(c); i++) {
                final int filler = -1 - (100 * c + i);
                assertTrue(channels.get(c).trySend(filler));
                buffer.add(filler);
            }
            buffers.add(buffer);
        }

        final List<Forked<Served>> forks = new ArrayList<>();
        for (int w = 0; w < waiters.size(); w++) {
            final Waiter waiter = waiters.get(w);
            final int element = elementOf(w);
            forks.add(Forked.start(threads, name(w, waiter), () -> await(channels, waiter, element)).awaitBlocked());
        }

        final List<Integer> live = new ArrayList<>(); // waiter indices, in arrival order
        for (int w = 0; w < waiters.size(); w++) {
            live.add(w);
        }
        for (int p = 0; p < pokes.size(); p++) {
            final Op poke = pokes.get(p);
            final int c = poke.channel();
            final int expected = live.stream().filter(w -> waiters.get(w).waitsFor(poke)).findFirst()
                    .orElseThrow(() -> new AssertionError("scenario error: nobody waits for " + poke));
            final String what = "poke " + p + " (" + poke + ")";
            final Served expectedServed;
            if (poke.sends()) {
                final int element = p; // waiters send elements from 1000, fillers are negative
                assertTrue(channels.get(c).trySend(element, PATIENCE), what + " found no room nor receiver");
                expectedServed = new Served(c, element);
            } else {
                final Integer received = channels.get(c).tryReceive(PATIENCE);
                final ArrayDeque<Integer> buffer = buffers.get(c);
                buffer.add(elementOf(expected)); // the freed slot, or the handoff, is the oldest sender's
                assertEquals(buffer.poll(), received, what + " received the wrong element");
                expectedServed = new Served(c, elementOf(expected));
            }
            final List<Forked<Served>> waiting = live.stream().map(forks::get).toList();
            final int served = live.get(Forked.awaitAnyDone(waiting));
            assertEquals(name(expected, waiters.get(expected)), name(served, waiters.get(served)),
                    what + " served a younger waiter than the oldest one waiting for it");
            final Served outcome = forks.get(served).join();
            assertEquals(expectedServed, outcome, what + ": what the waiter did");
            live.remove(Integer.valueOf(served));
        }
        assertEquals(List.of(), live, "scenario error: waiters left unserved");
        for (int c = 0; c < channels.size(); c++) {
            final List<Integer> left = new ArrayList<>();
            for (Integer e; (e = channels.get(c).tryReceive()) != null; ) {
                left.add(e);
            }
            assertEquals(List.copyOf(buffers.get(c)), left, "what is left in channel " + c);
        }
    }

    /** The element waiter {@code w} sends, if it sends. */
    private static int elementOf(int w) {
        return 1000 + w;
    }

    private static String name(int w, Waiter waiter) {
        return "waiter " + w + " " + (waiter.ops().size() == 1 ? "plain " : "select ")
                + (waiter.timed() ? "timed " : "") + waiter.ops();
    }

    /** Runs waiter {@code waiter}, which sends {@code element} if it sends. */
    private static Served await(List<Channel<Integer>> channels, Waiter waiter, int element)
            throws InterruptedException {
        final Duration far = Duration.ofMinutes(10); // a timed wait that must not end by its timeout
        if (waiter.ops().size() == 1) {
            final Op op = waiter.ops().getFirst();
            final Channel<Integer> ch = channels.get(op.channel());
            if (op.sends()) {
                if (waiter.timed()) {
                    assertTrue(ch.trySend(element, far), "timed out");
                } else {
                    ch.send(element);
                }
                return new Served(op.channel(), element);
            }
            final Integer received = waiter.timed() ? ch.tryReceive(far) : ch.receive();
            assertTrue(received != null, "timed out");
            return new Served(op.channel(), received);
        }
        final List<SelectClause<Served>> clauses = new ArrayList<>();
        for (Op op : waiter.ops()) {
            final int c = op.channel();
            clauses.add(op.sends()
                    ? channels.get(c).onSend(element, () -> new Served(c, element))
                    : channels.get(c).onReceive(v -> new Served(c, v)));
        }
        if (waiter.timed()) {
            clauses.add(Select.onTimeout(far, () -> null));
        }
        final Served served = Select.select(clauses);
        assertTrue(served != null, "timed out");
        return served;
    }
}
