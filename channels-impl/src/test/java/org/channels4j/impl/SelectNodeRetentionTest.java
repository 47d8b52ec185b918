package org.channels4j.impl;

import static org.channels4j.impl.RetentionTraffic.collectUntilCleared;
import static org.channels4j.impl.RetentionTraffic.parkedReceiveServedBy;
import static org.channels4j.impl.RetentionTraffic.queue;
import static org.channels4j.impl.RetentionTraffic.receivers;
import static org.channels4j.impl.RetentionTraffic.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A select's dead nodes left in an idle channel's queue (as its sentinel, say) must not keep
 * nodes of another channel reachable. Nodes keep their {@code next} after they leave a queue,
 * so a dead node that still names a node of a busy channel's queue would keep every node
 * appended there since, without bound, for as long as the idle channel does not move (found in
 * a review, 2026-12-07). Two links did: a {@link SelectNode}'s link (to the select's waiter,
 * or over three or more channels to an older node of the select, each a node of another
 * channel's queue), dropped now by {@link SelectNode#dropLink}, and a
 * select waiter's wake-up outcome (the woken node), cleared now by {@link Waiter#forget}.
 * Weak references, as in {@code CarrierHandoffRetentionTest}.
 */
@Timeout(120)
class SelectNodeRetentionTest {

    @Test
    void anIdleChannelsDeadSelectNodeKeepsNoLaterNodeOfTheBusyChannelReachable() throws Exception {
        final UnbufferedChannel<Integer> data = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> quit = new UnbufferedChannel<>();
        // selectBiased registers in argument order: the waiter on data, a SelectNode on quit
        final Forked<String> selector = blockedSelect(data.onReceive(v -> "data " + v), quit.onReceive(v -> "quit " + v));
        data.send(1); // matches the select's waiter on data
        assertEquals("data 1", selector.join());
        // quit is never used again; data carries on
        final WeakReference<WaitNode> ref = aNodeOfDataAfterMoreTraffic(data);
        final WaitNode quitHead = receivers(quit).lvHead();
        assertNull(ref.get(), "a node of data appended long after the select is still reachable; quit's head is a "
                + quitHead.getClass().getSimpleName() + " whose owner is "
                + (quitHead instanceof SelectNode ? quitHead.owner().getClass().getSimpleName() + " (a node of data's queue)" : "itself")
                + "; nodes of data reachable from it: " + countFrom(quitHead.owner()));
        // keep quit alive to here: it is the idle channel of a long-running program
        assertEquals(0, quit.capacity());
    }

    /**
     * Over three channels a {@link SelectNode}'s link names the select's node registered
     * before it, not the owner: the select's newest node, left in the idle channel, links its
     * older node on the busy channel, whose {@code next} links every node appended there later.
     * So every link must be dropped, not only the one that names the owner. Planted
     * (2026-12-07): {@code abandonAll} dropping only the first other node's link (the one to
     * the owner); the two-channel test above passed, this one failed.
     */
    @Test
    void anIdleChannelsDeadSelectNodeKeepsNoOlderNodeOfTheSelectOnABusyChannelReachable() throws Exception {
        final UnbufferedChannel<Integer> other = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> data = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> quit = new UnbufferedChannel<>();
        // selectBiased registers in argument order: the waiter on other, a SelectNode on data,
        // then a SelectNode on quit whose link names the one on data
        final Forked<String> selector = Forked.start(ThreadKind.PLATFORM, "select", () -> Select.selectBiased(
                other.onReceive(v -> "other " + v), data.onReceive(v -> "data " + v), quit.onReceive(v -> "quit " + v)))
                .awaitBlocked();
        data.send(1); // matches the select's node on data
        assertEquals("data 1", selector.join());
        final WeakReference<WaitNode> ref = aNodeOfDataAfterMoreTraffic(data);
        final WaitNode quitHead = receivers(quit).lvHead();
        assertNull(ref.get(), "a node of data appended long after the select is still reachable; quit's head is a "
                + quitHead.getClass().getSimpleName()
                + (quitHead instanceof SelectNode n && n.previousMember() != null
                        ? " that still links an older node of the select, followed by " + countFrom(n.previousMember()) + " nodes"
                        : ""));
        assertEquals(0, quit.capacity());
        assertEquals(0, other.capacity());
    }

    /**
     * The mirror path: the select's waiter is the dead last node of the idle channel, and its
     * outcome, never forgotten when it is a wake-up, is the woken SelectNode of the busy
     * (buffered) channel, whose {@code next} links every later receiver node of that channel.
     */
    @Test
    void anIdleChannelsDeadSelectWaiterWokenElsewhereKeepsNoLaterNodeReachable() throws Exception {
        final UnbufferedChannel<Integer> idle = new UnbufferedChannel<>();
        final BufferChannel<Integer> busy = (BufferChannel<Integer>) (Object) org.channels4j.Channels.<Integer>buffered(1);
        final Forked<String> selector = blockedSelect(idle.onReceive(v -> "idle " + v), busy.onReceive(v -> "busy " + v));
        busy.send(1); // wakes the select's node on busy; the select then receives 1 itself
        assertEquals("busy 1", selector.join());
        bufferedTraffic(busy, 2_000);
        final WeakReference<WaitNode> ref = new WeakReference<>(queue(busy, "receivers").lvTail());
        assertNotNull(ref.get());
        bufferedTraffic(busy, 2_000);
        collectUntilCleared(ref);
        final WaitNode idleHead = receivers(idle).lvHead();
        assertNull(ref.get(), "a receiver node of busy appended long after the select is still reachable; idle's head is a "
                + idleHead.getClass().getSimpleName() + " with outcome "
                + ((Waiter) idleHead).lvOutcome().getClass().getSimpleName()
                + "; nodes of busy reachable from it: "
                + (((Waiter) idleHead).lvOutcome() instanceof WaitNode w ? countFrom(w) : 0));
        assertEquals(0, idle.capacity());
    }

    /**
     * A weak reference to a receiver node of {@code data} appended after 10,000 messages, once
     * 10,000 more and three parked receives have moved the queue past it and a GC has run: null
     * unless something outside the queue still reaches it.
     */
    private static WeakReference<WaitNode> aNodeOfDataAfterMoreTraffic(UnbufferedChannel<Integer> data) throws Exception {
        traffic(data, 10_000);
        final WeakReference<WaitNode> ref = new WeakReference<>(receivers(data).lvTail());
        assertNotNull(ref.get());
        traffic(data, 10_000);
        for (int i = 0; i < 3; i++) {
            parkedReceiveServedBy(data);
        }
        collectUntilCleared(ref);
        return ref;
    }

    /** A platform thread's {@code selectBiased} over {@code a} and {@code b}, once it is parked. */
    private static Forked<String> blockedSelect(SelectClause<String> a, SelectClause<String> b) {
        return Forked.start(ThreadKind.PLATFORM, "select", () -> Select.selectBiased(a, b)).awaitBlocked();
    }

    /** Receivers that each park on the empty buffer, then a send that serves them. */
    private static void bufferedTraffic(BufferChannel<Integer> ch, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            parkedReceiveServedBy(ch);
        }
    }

    private static int countFrom(WaitNode n) {
        int c = 0;
        for (; n != null; n = n.lvNext()) {
            c++;
        }
        return c;
    }

}
