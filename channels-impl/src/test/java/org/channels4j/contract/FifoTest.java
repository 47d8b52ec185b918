package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.channels4j.Channel;
import org.channels4j.Select;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract section "FIFO": one sender's elements are received in the order sent, and threads
 * blocked on one channel are served in arrival order.
 *
 * <p>Arrival order is made unambiguous by starting the blocked threads one at a time and
 * waiting until each is parked before starting the next. On an unbuffered channel the served
 * order is then observable directly. On a buffered channel a waiter with a single node (a
 * plain or timed operation, or a select with one channel clause: every waiter these tests
 * start) is served directly: the thread whose poll freed a slot, or whose offer added an
 * element, holds the oldest waiter, offers its element or polls one for it, and hands it the
 * slot or the element (see {@code BufferChannel}'s "Protocol"). The node of a select over
 * several channels is only woken, and a held waiter is woken instead if a thread that was not
 * waiting took the slot or the element first ({@code BufferChannel}'s "Decisions"). A woken
 * thread retries, so of two woken threads either may get the element or the slot; and served
 * or woken, a thread finishes only once it runs again, so two released threads may finish in
 * either order. The tests that take buffered kinds therefore release one waiter at a time and
 * check that it is always the oldest that gets the element or the slot.
 *
 * <p>On the kinds that drop, the elements a sender's sends dropped leave gaps: what is received
 * of one sender's elements must still come in the order sent, and every element must have been
 * received or dropped exactly once. Threads blocked on a dropping channel can only be
 * receivers, and they are served in arrival order like any other.
 */
@Timeout(60)
class FifoTest {
    private static final int WAITERS = 6;

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void oneSendersElementsAreReceivedInTheOrderSent(ChannelKind kind, ThreadKind threads) {
        final int n = 20_000;
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        Traffic.sendRangeThenClose(threads, channel, n, null);
        final Forked<List<Integer>> consumer = Forked.start(threads, "consumer", () -> {
            final List<Integer> received = new ArrayList<>();
            for (int e : channel) {
                received.add(e);
            }
            return received;
        });
        // The consumer ends once the producer has closed the channel: every drop has happened.
        Traffic.assertReceivedInOrderOrDropped(n, consumer.join(), dropped, "one sender's elements");
    }

    /** Several producers interleave, but each one's own elements keep their order. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void eachSendersOrderSurvivesInterleavingWithOtherSenders(ChannelKind kind, ThreadKind threads) {
        final int producers = 3;
        final int n = 5_000;
        final Queue<long[]> dropped = new ConcurrentLinkedQueue<>();
        final Channel<long[]> channel = kind.create(dropped::add);
        final List<Forked<Void>> forks = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int id = p;
            forks.add(Forked.run(threads, "producer-" + p, () -> {
                for (int i = 0; i < n; i++) {
                    channel.send(new long[] {id, i});
                }
            }));
        }
        final Forked<List<List<Integer>>> consumer = Forked.start(threads, "consumer", () -> {
            final List<List<Integer>> received = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                received.add(new ArrayList<>());
            }
            for (long[] e : channel) {
                received.get((int) e[0]).add((int) e[1]);
            }
            return received;
        });
        forks.forEach(Forked::join);
        channel.close();
        final List<List<Integer>> received = consumer.join();
        for (int p = 0; p < producers; p++) {
            final int producer = p;
            Traffic.assertReceivedInOrderOrDropped(n, received.get(p),
                    dropped.stream().filter(e -> e[0] == producer).map(e -> (int) e[1]).toList(),
                    "the elements of producer " + p);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void blockedSendersOnAnUnbufferedChannelAreServedInArrivalOrder(ThreadKind threads) throws InterruptedException {
        final Channel<Integer> channel = ChannelKind.UNBUFFERED.create();
        final List<Forked<Void>> senders = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            final int element = i;
            senders.add(Forked.run(threads, "sender-" + i, () -> channel.send(element)).awaitBlocked());
        }

        final List<Integer> received = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            received.add(channel.receive());
        }

        assertEquals(IntStream.range(0, WAITERS).boxed().toList(), received);
        senders.forEach(Forked::join);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void blockedReceiversOnAnUnbufferedChannelAreServedInArrivalOrder(ThreadKind threads) throws InterruptedException {
        final Channel<Integer> channel = ChannelKind.UNBUFFERED.create();
        final List<Forked<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            receivers.add(Forked.start(threads, "receiver-" + i, channel::receive).awaitBlocked());
        }

        for (int i = 0; i < WAITERS; i++) {
            channel.send(i);
        }

        for (int i = 0; i < WAITERS; i++) {
            assertEquals(i, receivers.get(i).join(), "receiver " + i + " arrived " + i + "th");
        }
    }

    /** Each freed slot goes to the oldest blocked sender: releasing one slot at a time, the senders finish in arrival order. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void blockedSendersAreWokenInArrivalOrder(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> expected = new ArrayList<>(kind.fill(channel));
        final List<Forked<Void>> senders = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            final String element = "sender-" + i;
            expected.add(element);
            senders.add(Forked.run(threads, element, () -> channel.send(element)).awaitBlocked());
        }

        final List<String> received = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            received.add(channel.receive());
            final List<Forked<Void>> waiting = senders.subList(i, WAITERS);
            assertEquals(0, Forked.awaitAnyDone(waiting), "the freed slot went to a younger sender than sender-" + i);
            senders.get(i).join();
        }
        received.addAll(Traffic.closeAndDrain(channel));

        assertEquals(expected, received);
    }

    /** Each element goes to the oldest blocked receiver: sending one at a time, the receivers get them in arrival order. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void blockedReceiversAreWokenInArrivalOrder(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<Integer> channel = kind.create();
        final List<Forked<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            receivers.add(Forked.start(threads, "receiver-" + i, channel::receive).awaitBlocked());
        }

        for (int i = 0; i < WAITERS; i++) {
            channel.send(i);
            final List<Forked<Integer>> waiting = receivers.subList(i, WAITERS);
            assertEquals(0, Forked.awaitAnyDone(waiting), "element " + i + " went to a younger receiver than receiver-" + i);
            assertEquals(i, receivers.get(i).join());
        }
    }

    /**
     * The same with waiters of three shapes in turn, a plain receive, a timed receive and a
     * one-clause select: arrival order decides, not how a thread waits.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void timedAndSelectingReceiversKeepTheirPlaceInArrivalOrder(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final Channel<Integer> channel = kind.create();
        final List<Forked<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            final Forked.Body<Integer> body = switch (i % 3) {
                case 0 -> channel::receive;
                case 1 -> () -> channel.tryReceive(Duration.ofMinutes(1));
                default -> () -> Select.select(channel.onReceive());
            };
            receivers.add(Forked.start(threads, "receiver-" + i, body).awaitBlocked());
        }

        for (int i = 0; i < WAITERS; i++) {
            channel.send(i);
            final List<Forked<Integer>> waiting = receivers.subList(i, WAITERS);
            assertEquals(0, Forked.awaitAnyDone(waiting), "element " + i + " went to a younger receiver than receiver-" + i);
            assertEquals(i, receivers.get(i).join());
        }
    }
}
