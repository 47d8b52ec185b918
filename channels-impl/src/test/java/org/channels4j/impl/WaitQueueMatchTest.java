package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The matcher drops the node it matched ({@link WaitQueue#giveFirst}, {@link WaitQueue#takeFirst}):
 * the matched node becomes the sentinel, the live nodes behind it stay first in line, and the
 * owner's {@code abandon()}, which a matched plain operation no longer calls, is not needed to
 * get it off the front. Single-threaded; the races are jcstress's {@code HeadAdvanceStress}.
 */
class WaitQueueMatchTest {
    private static final Object E = "e";

    @Test
    void aMatchMakesTheMatchedNodeTheSentinelAndKeepsTheNextOneFirst() {
        final WaitQueue q = new WaitQueue();
        final Waiter a = receiver(q), b = receiver(q), c = receiver(q);

        assertTrue(q.giveFirst(E));

        assertSame(E, a.lvOutcome());
        assertTrue(b.isWaiting() && c.isWaiting(), "only the oldest receiver is matched");
        assertSame(a, q.lvHead(), "the matcher made the node it matched the sentinel");
        assertSame(b, q.first());
        assertEquals(2, ChannelInternals.linkedNodes(q));
        assertEquals(0, abandoned(q), "a match is not an abandon");
    }

    @Test
    void aMatchPassesDeadNodesInFrontOfTheOldestLiveOne() {
        final WaitQueue q = new WaitQueue();
        final Waiter a = receiver(q), b = receiver(q), c = receiver(q);
        assertTrue(a.tryCancel());

        assertTrue(q.giveFirst(E));

        assertSame(Waiter.CANCELLED, a.lvOutcome());
        assertSame(E, b.lvOutcome());
        assertSame(b, q.lvHead());
        assertSame(c, q.firstLive());
    }

    @Test
    void everyReceiverMatchedLeavesNothingLinked() {
        final WaitQueue q = new WaitQueue();
        final Waiter[] waiters = new Waiter[100];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = receiver(q);
        }
        for (int i = 0; i < waiters.length; i++) {
            assertTrue(q.giveFirst(i));
            assertEquals(i, waiters[i].lvOutcome(), "arrival order");
        }
        assertFalse(q.giveFirst(E), "nobody left to match");
        assertEquals(0, ChannelInternals.linkedNodes(q));
        assertEquals(0, abandoned(q));
    }

    @Test
    void takeFirstTakesTheOldestSendersItemAndReportsNotReadyWhenNoneIsLive() {
        final WaitQueue q = new WaitQueue();
        final Waiter a = new Waiter(true, "first");
        final Waiter b = new Waiter(true, "second");
        q.append(a);
        q.append(b);

        assertEquals("first", q.takeFirst());
        assertSame(Waiter.SENT, a.lvOutcome());
        assertSame(a, q.lvHead());
        assertTrue(b.tryCancel());
        assertSame(Clause.NOT_READY, q.takeFirst(), "a cancelled sender gives nothing");
        assertSame(b, q.lvHead(), "and the dead node is dropped on the way");
    }

    private static Waiter receiver(WaitQueue q) {
        final Waiter w = new Waiter(false, null);
        q.append(w);
        return w;
    }

    private static int abandoned(WaitQueue q) {
        try {
            final Field f = WaitQueueSweep.class.getDeclaredField("abandoned");
            f.setAccessible(true);
            return f.getInt(q);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
