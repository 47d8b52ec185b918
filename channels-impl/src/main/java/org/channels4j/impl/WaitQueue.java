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
final class WaitQueue extends WaitQueueHead {
    /** Abandoned nodes between interior sweeps: bounds the dead nodes a queue can hold. */
    static final int SWEEP_PERIOD = 32;

    private static final VarHandle TAIL;
    private static final VarHandle ABANDONED;
    private static final VarHandle NEXT = WaitNode.NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(WaitQueue.class, "tail", WaitNode.class);
            ABANDONED = lookup.findVarHandle(WaitQueue.class, "abandoned", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by every registration (CAS): kept off the line of {@code head}, which every
     *  buffered send and receive reads to see whether anyone waits. */
    private volatile WaitNode tail;
    /** Nodes abandoned since the last sweep. */
    private volatile int abandoned;
    /** Abandoned nodes that trigger the next sweep: half of what the last sweep walked, so a
     *  sweep costs O(1) amortised however many live waiters the queue holds. Plain: a racy
     *  heuristic. */
    private int sweepThreshold = SWEEP_PERIOD;

    WaitQueue() {
        WaitNode sentinel = new WaitNode(null, 0, false, null);
        initHead(sentinel);
        tail = sentinel;
    }

    /** Appends {@code node} at the tail; linearizes at the CAS that links it. */
    void append(WaitNode node) {
        for (;;) {
            final WaitNode t = tail;
            final WaitNode next = t.next;
            if (next == null) {
                // the CAS that links the node is the registration's publication point: the
                // re-check that follows it is ordered after it (Dekker with the other side)
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
        return head().next;
    }

    /** The oldest live node, dropping dead nodes in front of it; null if there is none. */
    WaitNode firstLive() {
        for (;;) {
            // volatile reads: a sender's check for receivers after its offer CAS, Dekker with
            // the receiver's append CAS followed by its re-check of the buffer
            final WaitNode h = head();
            final WaitNode n = h.next;
            if (n == null || n.isLive()) {
                return n;
            }
            casHead(h, n); // n is dead: it becomes the sentinel
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
        if (firstLive() == null) {
            return; // every node was dead and the head advance dropped them all
        }
        if ((int) ABANDONED.getAndAdd(this, 1) >= sweepThreshold) {
            ABANDONED.setOpaque(this, 0); // opaque: a racy reset only shifts the next sweep
            sweepThreshold = Math.max(SWEEP_PERIOD, sweep() >> 1);
        }
    }

    /**
     * Unlinks every dead interior node it meets, keeping the last node.
     *
     * @return how many nodes it walked
     */
    int sweep() {
        int walked = 0;
        WaitNode pred = head();
        WaitNode n = pred.next;
        while (n != null) {
            walked++;
            final WaitNode next = n.next;
            if (next != null && !n.isLive()) {
                NEXT.compareAndSet(pred, n, next); // failure: pred changed under us; move on
            } else {
                pred = n;
            }
            n = next;
        }
        return walked;
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

/** The sentinel head, padded away from the fields that registrations write. */
abstract class WaitQueueHead extends WaitQueueHeadPad {
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(WaitQueueHead.class, "head", WaitNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The sentinel; its fields mean nothing. The queue's nodes follow it. */
    private volatile WaitNode head;

    final void initHead(WaitNode sentinel) {
        head = sentinel;
    }

    final WaitNode head() {
        return head;
    }

    final boolean casHead(WaitNode expect, WaitNode update) {
        return HEAD.compareAndSet(this, expect, update);
    }

    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** 128 bytes before the head, away from whatever the allocator placed in front. */
abstract class WaitQueueHeadPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}
