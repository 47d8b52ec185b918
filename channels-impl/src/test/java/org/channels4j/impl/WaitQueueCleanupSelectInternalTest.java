package org.channels4j.impl;

import org.channels4j.testing.ThreadKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Select;

import org.channels4j.select.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A select registers a node on every channel it waits on and completes on one of them; the
 * nodes it leaves on the others are dead and must be unlinked (see {@link WaitQueue}), or a
 * channel that selects keep waiting on but rarely use grows without bound. Counted with the
 * package-private {@code linkedWaiters()}.
 */
@Timeout(120)
class WaitQueueCleanupSelectInternalTest {
    /** Dead nodes a queue may hold between sweeps, plus the never-unlinked last node and slack. */
    private static final int SMALL = WaitQueue.SWEEP_PERIOD + 4;

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
            ThreadKind kind, int capacity, boolean selectFirst) throws Exception {
        final AbstractChannel<Integer> ch = channel(capacity);
        final AbstractChannel<Integer> other = new UnbufferedChannel<>();
        final String[] selected = new String[1];
        final Integer[] plainGot = new Integer[1];
        try (Workers workers = new Workers(kind)) {
            final Workers.Body select = () -> selected[0] = Select.select(ch.onReceive(v -> "ch " + v),
                    ch.onReceive(v -> "ch again " + v), other.onReceive(v -> "other " + v));
            final Workers.Body plain = () -> plainGot[0] = ch.receive();
            final Thread selector = parkInOrder(workers, selectFirst, select, plain);
            assertEquals(3, linkedWaiters(ch), "two select nodes and one plain node wait on ch");

            assertTrue(other.trySend(7, Duration.ofSeconds(20)));
            selector.join(Duration.ofSeconds(20));
            assertEquals("other 7", selected[0]);
            assertTrue(linkedWaiters(ch) <= 3, "ch holds " + linkedWaiters(ch) + " nodes for one waiter");

            assertTrue(ch.trySend(8, Duration.ofSeconds(20)), "the send on ch must reach the plain receiver");
            workers.joinAll(Duration.ofSeconds(20));
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
            ThreadKind kind, int capacity, boolean selectFirst) throws Exception {
        final AbstractChannel<Integer> ch = channel(capacity);
        final AbstractChannel<Integer> other = new UnbufferedChannel<>();
        if (capacity > 0) {
            assertTrue(ch.trySend(0), "fill the buffer so that senders park");
        }
        final String[] selected = new String[1];
        try (Workers workers = new Workers(kind)) {
            final Workers.Body select = () -> selected[0] = Select.select(
                    ch.onSend(1, () -> "ch"), ch.onSend(2, () -> "ch again"), other.onReceive(v -> "other " + v));
            final Workers.Body plain = () -> ch.send(8);
            final Thread selector = parkInOrder(workers, selectFirst, select, plain);
            assertTrue(other.trySend(7, Duration.ofSeconds(20)));
            selector.join(Duration.ofSeconds(20));
            assertEquals("other 7", selected[0]);
            if (capacity > 0) {
                assertEquals(0, ch.tryReceive(Duration.ofSeconds(20)));
            }
            assertEquals(8, ch.tryReceive(Duration.ofSeconds(20)), "the plain sender's element must come next");
            workers.joinAll(Duration.ofSeconds(20));
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
            throws Exception {
        final int selects = 5_000;
        final AbstractChannel<Integer> idle = channel(idleCapacity);
        final AbstractChannel<Integer> busy = new UnbufferedChannel<>();
        int maxLinked = 0;
        try (Workers workers = new Workers(kind)) {
            final Integer[] frontGot = new Integer[1];
            workers.startParked("front receiver", () -> frontGot[0] = idle.receive());
            final Thread selector = workers.start("selector", () -> {
                for (int i = 0; i < selects; i++) {
                    final int got = Select.select(idle.onReceive(v -> -1), busy.onReceive(v -> v));
                    assertEquals(i, got, "select " + i + " completed the wrong clause");
                }
            });
            Object previousWaiter = null;
            for (int i = 0; i < selects; i++) {
                previousWaiter = awaitParkedAgain(selector, previousWaiter);
                assertTrue(busy.trySend(i), "select " + i + " was parked, yet nothing took the element");
                if (i % 64 == 0) {
                    maxLinked = Math.max(maxLinked, linkedWaiters(idle));
                }
            }
            selector.join(Duration.ofSeconds(20));
            maxLinked = Math.max(maxLinked, linkedWaiters(idle));
            assertTrue(idle.trySend(42, Duration.ofSeconds(20)), "the front receiver must still be reachable");
            workers.joinAll(Duration.ofSeconds(20));
            assertEquals(42, frontGot[0]);
        }
        assertTrue(maxLinked <= SMALL, "idle queue grew to " + maxLinked + " nodes for one live waiter");
        assertTrue(linkedWaiters(busy) <= 1, "busy still links " + linkedWaiters(busy) + " nodes");
        assertLaterPlainOperationsWork(idle);
    }

    /**
     * The million selects: each finds {@code busy} ready, so none should register on
     * {@code idle}, and {@code idle}'s queue must stay as it was (one parked plain receiver).
     */
    @Test
    void aMillionSelectsThatFindAClauseReadyLeaveTheIdleQueueAlone() throws Exception {
        final AbstractChannel<Integer> idle = new UnbufferedChannel<>();
        final AbstractChannel<Integer> busy = BufferChannel.buffered(1);
        assertTrue(busy.trySend(0));
        try (Workers workers = new Workers(ThreadKind.VIRTUAL)) {
            workers.startParked("front receiver", idle::receive);
            for (int i = 0; i < 1_000_000; i++) {
                final int v = Select.select(idle.onReceive(), busy.onReceive());
                assertTrue(busy.trySend(v + 1));
            }
            assertTrue(linkedWaiters(idle) <= SMALL, "idle queue holds " + linkedWaiters(idle) + " nodes");
            assertTrue(idle.trySend(1, Duration.ofSeconds(20)));
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertTrue(linkedWaiters(idle) <= 1);
    }

    /**
     * A million selects over a mostly idle channel and a busy one fed by another thread: the
     * selects that find {@code busy} empty park on both, and every one of those leaves a dead
     * node on {@code idle}.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aMillionContendedSelectsDoNotGrowTheIdleQueue(ThreadKind kind) throws Exception {
        final int selects = 1_000_000;
        final AbstractChannel<Integer> idle = new UnbufferedChannel<>();
        final AbstractChannel<Integer> busy = BufferChannel.buffered(1);
        final long[] sum = new long[1];
        try (Workers workers = new Workers(kind)) {
            workers.startParked("front receiver", idle::receive);
            workers.start("producer", () -> {
                for (int i = 0; i < selects; i++) {
                    busy.send(1);
                }
            });
            final Thread selector = workers.start("selector", () -> {
                for (int i = 0; i < selects; i++) {
                    sum[0] += Select.select(idle.onReceive(v -> 0), busy.onReceive());
                }
            });
            selector.join(Duration.ofSeconds(90));
            assertTrue(linkedWaiters(idle) <= SMALL, "idle queue holds " + linkedWaiters(idle) + " nodes");
            assertTrue(idle.trySend(1, Duration.ofSeconds(20)));
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertEquals(selects, sum[0], "every select must have received from busy");
        assertTrue(linkedWaiters(idle) <= 1);
        assertTrue(linkedWaiters(busy) <= SMALL);
    }

    /** Parks the select and the plain operation, in the order given; returns the select's thread. */
    private static Thread parkInOrder(Workers workers, boolean selectFirst, Workers.Body select, Workers.Body plain) {
        if (selectFirst) {
            final Thread selector = workers.startParked("select", select);
            workers.startParked("plain", plain);
            return selector;
        }
        workers.startParked("plain", plain);
        return workers.startParked("select", select);
    }

    private static AbstractChannel<Integer> channel(int capacity) {
        return capacity == 0 ? new UnbufferedChannel<>() : BufferChannel.buffered(capacity);
    }

    private static int linkedWaiters(Channel<?> ch) {
        if (ch instanceof UnbufferedChannel<?> u) {
            return u.linkedWaiters();
        }
        return ((BufferChannel<?>) ch).linkedWaiters();
    }

    /** After the clean-up, a plain receive and send on the channel still meet. */
    private static void assertLaterPlainOperationsWork(AbstractChannel<Integer> ch) throws Exception {
        try (Workers workers = new Workers(ThreadKind.VIRTUAL)) {
            final Integer[] got = new Integer[1];
            workers.startParked("late receiver", () -> got[0] = ch.receive());
            assertTrue(ch.trySend(99, Duration.ofSeconds(20)));
            workers.joinAll(Duration.ofSeconds(20));
            assertEquals(99, got[0]);
        }
        assertTrue(linkedWaiters(ch) <= 1);
    }

    /**
     * Waits until {@code t} parks in a select other than the one whose waiter was
     * {@code previous}, and returns the new waiter: each select makes a new {@link Waiter}, and
     * the waiter is the park blocker.
     */
    private static Object awaitParkedAgain(Thread t, Object previous) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (;;) {
            final Thread.State s = t.getState();
            final Object blocker = LockSupport.getBlocker(t);
            if ((s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING)
                    && blocker instanceof Waiter && blocker != previous) {
                return blocker;
            }
            assertTrue(t.isAlive(), t.getName() + " ended");
            assertTrue(System.nanoTime() - deadline < 0, t.getName() + " did not park again");
            Thread.yield();
        }
    }
}
