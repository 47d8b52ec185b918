package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A select registers a node on every channel it waits on and completes on one of them; the
 * nodes it leaves on the others are dead and must be unlinked, or a channel that selects keep
 * waiting on but rarely use grows without bound. The channels are made with the public
 * factories; the one internal used is the count of linked nodes, {@link ChannelInternals#linkedWaiters}.
 *
 * <p>Every select that is meant to leave a dead node is first seen parked
 * ({@link Forked#awaitBlocked}, {@link Forked#isParkedInChannel}): a select that found a
 * clause ready registers nowhere, so a test whose selects never parked would prove nothing.
 */
@Timeout(120)
class WaitQueueCleanupSelectInternalTest {
    /**
     * Nodes a queue with one live waiter may hold: far fewer than the dead nodes the tests
     * below leave behind it (a thousand or more), which only the clean-up removes.
     */
    private static final int FEW = 100;

    static Stream<Arguments> duplicateChannelCases() {
        final List<Arguments> all = new ArrayList<>();
        for (ThreadKind kind : ThreadKind.values()) {
            for (int capacity : new int[] {0, 1}) {
                for (boolean selectFirst : new boolean[] {true, false}) {
                    all.add(Arguments.of(kind, capacity, selectFirst));
                }
            }
        }
        return all.stream();
    }

    /**
     * Go's TestSelectDuplicateChannel: a select waits twice on {@code ch} and once on
     * {@code other}, a plain receiver waits on {@code ch}, and the select is completed through
     * {@code other}. The select's two dead nodes must not confuse the next send on {@code ch}
     * (it must reach the plain receiver), and must be unlinked once nobody waits.
     */
    @ParameterizedTest(name = "{0}, capacity {1}, select parks first: {2}")
    @MethodSource("duplicateChannelCases")
    void selectQueuedTwiceOnAChannelUnlinksCleanlyWhenCompletedElsewhere(
            ThreadKind kind, int capacity, boolean selectFirst) throws InterruptedException {
        final Channel<Integer> ch = channel(capacity);
        final Channel<Integer> other = Channels.unbuffered();
        final Integer[] plainGot = new Integer[1];
        try (Workers workers = new Workers(kind)) {
            final Forked<String> selector = parkInOrder(workers, kind, selectFirst,
                    () -> Select.select(ch.onReceive(v -> "ch " + v), ch.onReceive(v -> "ch again " + v),
                            other.onReceive(v -> "other " + v)),
                    () -> plainGot[0] = ch.receive());
            assertEquals(3, linkedWaiters(ch), "two select nodes and one plain node wait on ch");

            assertTrue(other.trySend(7, Forked.PATIENCE));
            assertEquals("other 7", selector.join());
            assertTrue(linkedWaiters(ch) <= 3, "ch holds " + linkedWaiters(ch) + " nodes for one waiter");

            assertTrue(ch.trySend(8, Forked.PATIENCE), "the send on ch must reach the plain receiver");
            workers.joinAll(Forked.PATIENCE);
        }
        assertEquals(8, plainGot[0], "the plain receiver got the wrong element");
        assertTrue(linkedWaiters(ch) <= 1, "ch still links " + linkedWaiters(ch) + " nodes with nobody waiting");
        assertTrue(linkedWaiters(other) <= 1);
        assertLaterPlainOperationsWork(ch);
    }

    /** As above with the select sending twice on {@code ch} and a plain sender behind or ahead of it. */
    @ParameterizedTest(name = "{0}, capacity {1}, select parks first: {2}")
    @MethodSource("duplicateChannelCases")
    void selectSendingTwiceOnAChannelUnlinksCleanlyWhenCompletedElsewhere(
            ThreadKind kind, int capacity, boolean selectFirst) throws InterruptedException {
        final Channel<Integer> ch = channel(capacity);
        final Channel<Integer> other = Channels.unbuffered();
        if (capacity > 0) {
            assertTrue(ch.trySend(0), "fill the buffer so that senders park");
        }
        try (Workers workers = new Workers(kind)) {
            final Forked<String> selector = parkInOrder(workers, kind, selectFirst,
                    () -> Select.select(ch.onSend(1, () -> "ch"), ch.onSend(2, () -> "ch again"),
                            other.onReceive(v -> "other " + v)),
                    () -> ch.send(8));
            assertTrue(other.trySend(7, Forked.PATIENCE));
            assertEquals("other 7", selector.join());
            if (capacity > 0) {
                assertEquals(0, ch.tryReceive(Forked.PATIENCE));
            }
            assertEquals(8, ch.tryReceive(Forked.PATIENCE), "the plain sender's element must come next");
            workers.joinAll(Forked.PATIENCE);
        }
        assertNull(ch.tryReceive(), "the select's elements must never be sent");
        assertTrue(linkedWaiters(ch) <= 1, "ch still links " + linkedWaiters(ch) + " nodes with nobody waiting");
        assertLaterPlainOperationsWork(ch);
    }

    static Stream<Arguments> kindsAndIdleCapacities() {
        return ThreadKind.each(0, 1);
    }

    /**
     * Every select here parks on {@code idle} and {@code busy} and is completed through
     * {@code busy}, while a plain receiver parked on {@code idle} first stays at the front of its
     * queue, so that only the interior sweep can unlink the dead select nodes behind it.
     */
    @ParameterizedTest(name = "{0}, idle capacity {1}")
    @MethodSource("kindsAndIdleCapacities")
    void parkedSelectsCompletedElsewhereLeaveTheIdleQueueBounded(ThreadKind kind, int idleCapacity)
            throws InterruptedException {
        final int selects = 5_000;
        final Channel<Integer> idle = channel(idleCapacity);
        final Channel<Integer> busy = Channels.unbuffered();
        final AtomicInteger completed = new AtomicInteger();
        int maxLinked = 0;
        try (Workers workers = new Workers(kind)) {
            final Integer[] frontGot = new Integer[1];
            workers.startParked("front receiver", () -> frontGot[0] = idle.receive());
            final Forked<Void> selector = workers.start("selector", () -> {
                for (int i = 0; i < selects; i++) {
                    final int got = Select.select(idle.onReceive(v -> -1), busy.onReceive(v -> v));
                    assertEquals(i, got, "select " + i + " completed the wrong clause");
                    completed.incrementAndGet();
                }
            });
            for (int i = 0; i < selects; i++) {
                awaitParkedInSelect(selector, completed, i);
                assertTrue(busy.trySend(i), "select " + i + " was parked, yet nothing took the element");
                if (i % 64 == 0) {
                    maxLinked = Math.max(maxLinked, linkedWaiters(idle));
                }
            }
            selector.join();
            maxLinked = Math.max(maxLinked, linkedWaiters(idle));
            assertTrue(idle.trySend(42, Forked.PATIENCE), "the front receiver must still be reachable");
            workers.joinAll(Forked.PATIENCE);
            assertEquals(42, frontGot[0]);
        }
        assertTrue(maxLinked <= FEW, "idle queue grew to " + maxLinked + " nodes for one live waiter");
        assertTrue(linkedWaiters(busy) <= 1, "busy still links " + linkedWaiters(busy) + " nodes");
        assertLaterPlainOperationsWork(idle);
    }

    /**
     * The million selects: each finds {@code busy} ready, so none should register on
     * {@code idle}, and {@code idle}'s queue must stay as it was (one parked plain receiver).
     */
    @Test
    void aMillionSelectsThatFindAClauseReadyLeaveTheIdleQueueAlone() throws InterruptedException {
        final Channel<Integer> idle = Channels.unbuffered();
        final Channel<Integer> busy = Channels.buffered(1);
        assertTrue(busy.trySend(0));
        try (Workers workers = new Workers(ThreadKind.VIRTUAL)) {
            workers.startParked("front receiver", idle::receive);
            for (int i = 0; i < 1_000_000; i++) {
                final int v = Select.select(idle.onReceive(), busy.onReceive());
                assertTrue(busy.trySend(v + 1));
            }
            assertEquals(1, linkedWaiters(idle), "selects that found busy ready registered on idle");
            assertTrue(idle.trySend(1, Forked.PATIENCE));
            workers.joinAll(Forked.PATIENCE);
        }
        assertTrue(linkedWaiters(idle) <= 1);
    }

    /**
     * A million selects over a mostly idle channel and a busy one fed by another thread. The
     * selects that find {@code busy} empty park on both, and every one of those leaves a dead
     * node on {@code idle}, behind a plain receiver that keeps the queue's front alive. How many
     * park on their own depends on scheduling, so the producer makes sure: before every
     * {@code PARK_EVERY}-th element it waits until the select that will take it is parked.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aMillionContendedSelectsDoNotGrowTheIdleQueue(ThreadKind kind) throws InterruptedException {
        final int selects = 1_000_000;
        final int parkEvery = 1_000;
        final Channel<Integer> idle = Channels.unbuffered();
        final Channel<Integer> busy = Channels.buffered(1);
        final AtomicInteger completed = new AtomicInteger();
        final long[] sum = new long[1];
        try (Workers workers = new Workers(kind)) {
            workers.startParked("front receiver", idle::receive);
            final Forked<Void> selector = workers.start("selector", () -> {
                for (int i = 0; i < selects; i++) {
                    sum[0] += Select.select(idle.onReceive(v -> 0), busy.onReceive());
                    completed.incrementAndGet();
                }
            });
            final Forked<Void> producer = workers.start("producer", () -> {
                for (int i = 0; i < selects; i++) {
                    if (i % parkEvery == 0) {
                        awaitParkedInSelect(selector, completed, i);
                    }
                    busy.send(1);
                }
            });
            // the producer first: if it failed, the selector waits for an element that never
            // comes, and only the producer's failure says why
            producer.join(Duration.ofSeconds(90));
            selector.join();
            assertTrue(linkedWaiters(idle) <= FEW, "idle queue holds " + linkedWaiters(idle) + " nodes after "
                    + selects / parkEvery + " or more selects parked on it");
            assertTrue(idle.trySend(1, Forked.PATIENCE));
            workers.joinAll(Forked.PATIENCE);
        }
        assertEquals(selects, sum[0], "every select must have received from busy");
        assertTrue(linkedWaiters(idle) <= 1);
        assertTrue(linkedWaiters(busy) <= FEW);
    }

    /**
     * Waits until {@code selector} is parked in its select number {@code index} (counting from
     * 0): the {@code index} selects before it have completed, and the thread is parked in a
     * channel, which after that can only be in select {@code index}.
     *
     * <p>It pauses between looks ({@link Forked#pause}, which says why): the producer has usually
     * just woken the selector, and with a spin here the Java 21 run of this test failed every
     * time, "select 357000 never parked", the selector {@code RUNNABLE} with its outcome set.
     */
    private static void awaitParkedInSelect(Forked<?> selector, AtomicInteger completed, int index) {
        final long deadline = System.nanoTime() + Forked.PATIENCE.toNanos();
        while (completed.get() != index || !Forked.isParkedInChannel(selector.thread())) {
            if (selector.isDone()) {
                selector.join(); // reports how it ended
                fail("the selector ended before select " + index);
            }
            if (System.nanoTime() - deadline > 0) {
                fail("select " + index + " never parked (" + completed.get() + " selects completed)");
            }
            Forked.pause();
        }
    }

    /** Parks the select and the plain operation, in the order given; returns the select. */
    private static Forked<String> parkInOrder(Workers workers, ThreadKind kind, boolean selectFirst,
                                              Forked.Body<String> select, Forked.Action plain) {
        if (selectFirst) {
            final Forked<String> selector = Forked.start(kind, "select", select).awaitBlocked();
            workers.startParked("plain", plain);
            return selector;
        }
        workers.startParked("plain", plain);
        return Forked.start(kind, "select", select).awaitBlocked();
    }

    private static Channel<Integer> channel(int capacity) {
        return capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
    }

    private static int linkedWaiters(Channel<?> ch) {
        return ChannelInternals.linkedWaiters(ch);
    }

    /** After the clean-up, a plain receive and send on the channel still meet. */
    private static void assertLaterPlainOperationsWork(Channel<Integer> ch) throws InterruptedException {
        final Forked<Integer> receiver = Forked.start(ThreadKind.VIRTUAL, "late receiver", ch::receive).awaitBlocked();
        assertTrue(ch.trySend(99, Forked.PATIENCE));
        assertEquals(99, receiver.join());
        assertTrue(linkedWaiters(ch) <= 1);
    }
}
