package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free FIFO of {@link WaitNode}s: the threads and selects blocked on one side of a
 * channel, in arrival order.
 *
 * <h2>Algorithm</h2>
 * The Michael-Scott queue (PODC 1996) with a sentinel head, as in
 * {@code ConcurrentLinkedQueue}: append by CAS on the last node's {@code next}, then swing
 * {@code tail}. Nodes are never removed by their owners; a node dies when its waiter's outcome
 * is set, and dead nodes are dropped lazily:
 * <ul>
 *   <li>at the front, by swinging {@code head} past them whenever someone looks for the first
 *       live node;</li>
 *   <li>in the interior, by a sweep that unlinks them with a CAS on their predecessor's
 *       {@code next}, run once every {@link #SWEEP_PERIOD} abandoned nodes, so that selects that
 *       register here and complete elsewhere cannot grow the queue without bound.</li>
 * </ul>
 * The last node is never unlinked, because appends CAS its {@code next}. Two sweeps unlinking
 * neighbours at once can leave one dead node reachable; the next sweep takes it. Unlinked nodes
 * keep their {@code next}, so a traversal standing on one still reaches every live node.
 */
final class WaitQueue {
    /** Abandoned nodes between interior sweeps: bounds the dead nodes a queue can hold. */
    static final int SWEEP_PERIOD = 32;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle ABANDONED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(WaitQueue.class, "head", WaitNode.class);
            TAIL = lookup.findVarHandle(WaitQueue.class, "tail", WaitNode.class);
            ABANDONED = lookup.findVarHandle(WaitQueue.class, "abandoned", int.class);
            NEXT = lookup.findVarHandle(WaitNode.class, "next", WaitNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The sentinel; its fields mean nothing. The queue's nodes follow it. */
    private volatile WaitNode head;
    private volatile WaitNode tail;
    /** Nodes abandoned since the last sweep. */
    private volatile int abandoned;

    WaitQueue() {
        WaitNode sentinel = new WaitNode(null, 0, false, null);
        head = sentinel;
        tail = sentinel;
    }

    /** Appends {@code node} at the tail; linearizes at the CAS that links it. */
    void append(WaitNode node) {
        for (;;) {
            final WaitNode t = tail;
            final WaitNode next = t.next;
            if (next == null) {
                if (NEXT.compareAndSet(t, null, node)) {
                    TAIL.compareAndSet(this, t, node); // may fail: someone helped already
                    return;
                }
            } else {
                TAIL.compareAndSet(this, t, next); // help a lagging tail
            }
        }
    }

    /** The node after the sentinel, live or dead; the start of a traversal. */
    WaitNode first() {
        return head.next;
    }

    /** The oldest live node, dropping dead nodes in front of it; null if there is none. */
    WaitNode firstLive() {
        for (;;) {
            final WaitNode h = head;
            final WaitNode n = h.next;
            if (n == null || n.isLive()) {
                return n;
            }
            HEAD.compareAndSet(this, h, n); // n is dead: it becomes the sentinel
        }
    }

    /**
     * Gives the oldest live node the outcome "your clause may proceed" and unparks it.
     * Cheap when nobody waits: two volatile reads.
     *
     * @return whether a waiter was woken
     */
    boolean wakeOne() {
        for (;;) {
            final WaitNode n = firstLive();
            if (n == null) {
                return false;
            }
            if (n.waiter.tryComplete(n)) {
                return true;
            }
            // n's waiter finished some other way between the two reads; try the next
        }
    }

    /** Wakes every live node: close uses it. Nodes appended meanwhile re-check by themselves. */
    void wakeAll() {
        for (WaitNode n = first(); n != null; n = n.next) {
            n.waiter.tryComplete(n);
        }
        firstLive();
    }

    /** Notes that a node's waiter has finished; drops dead nodes, sweeping now and then. */
    void abandon() {
        firstLive();
        if ((int) ABANDONED.getAndAdd(this, 1) >= SWEEP_PERIOD) {
            ABANDONED.setOpaque(this, 0); // opaque: a racy reset only shifts the next sweep
            sweep();
        }
    }

    /** Unlinks every dead interior node it meets, keeping the last node. */
    void sweep() {
        WaitNode pred = head;
        WaitNode n = pred.next;
        while (n != null) {
            final WaitNode next = n.next;
            if (next != null && !n.isLive()) {
                NEXT.compareAndSet(pred, n, next); // failure: pred changed under us; move on
            } else {
                pred = n;
            }
            n = next;
        }
    }

    /** Live nodes now, by traversal: for tests and diagnostics. */
    int countLive() {
        int count = 0;
        for (WaitNode n = first(); n != null; n = n.next) {
            if (n.isLive()) {
                count++;
            }
        }
        return count;
    }

    /** All nodes still linked, live or dead: for tests of the clean-up. */
    int countLinked() {
        int count = 0;
        for (WaitNode n = first(); n != null; n = n.next) {
            count++;
        }
        return count;
    }
}
