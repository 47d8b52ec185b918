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
 * {@code tail}. No node is unlinked because its owner asks: a node dies when its waiter's
 * outcome is set, and dead nodes are dropped lazily by whoever passes (an owner that abandons
 * its node among them):
 * <ul>
 *   <li>at the front, by swinging {@code head} past them whenever someone looks for the first
 *       live node, and onto the node an unbuffered partner has just matched, by that partner
 *       ({@link #giveFirst}); so {@code head} may pass a {@code tail} that lags behind;</li>
 *   <li>in the interior, by a sweep that unlinks them with a CAS on their predecessor's
 *       {@code next}. A sweep runs once the abandoned nodes since the last one reach a
 *       threshold: half of what the last sweep walked, and at least {@link #SWEEP_PERIOD}, so
 *       a sweep costs O(1) amortised however many live waiters the queue holds, and selects
 *       that register here and complete elsewhere cannot grow the queue without bound.</li>
 * </ul>
 * The last node is never unlinked, because appends CAS its {@code next}. Two sweeps unlinking
 * neighbours at once can leave one dead node reachable; the next sweep takes it. Unlinked nodes
 * keep their {@code next}, so a traversal standing on one still reaches every live node.
 *
 * <h2>Layout</h2>
 * {@code head} (advanced by every partner that takes a waiter, right after its match), {@code tail} (CAS by every
 * registration) and the sweep bookkeeping (written by every abandon) each sit in their own
 * 128-byte region, laid out by inheritance ({@code WaitQueueHeadPad -> WaitQueueHead -> WaitQueueTailPad -> WaitQueueTail ->
 * WaitQueueSweepPad -> WaitQueueSweep -> WaitQueue}); each
 * padding class also fills the 4-byte gaps a subclass field could otherwise be placed in.
 * {@code WaitQueueLayoutTest} checks the offsets with JOL.
 */
final class WaitQueue extends WaitQueueSweep {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p4a, p4b, p4c, p4d, p4e, p4f;

    WaitQueue() {
        super(Waiter.sentinel());
    }

    /**
     * Appends {@code node}, not yet published, at the tail and numbers it one after its
     * predecessor ({@link WaitNode#seq}); linearizes at the CAS that links it.
     */
    void append(WaitNode node) {
        for (;;) {
            final WaitNode t = lvTail();
            final WaitNode next = t.lvNext();
            if (next == null) {
                node.setSeq(t.seq() + 1); // plain: the CAS below publishes it
                // the CAS that links the node is the registration's publication point: the
                // re-check that follows it is ordered after it (Dekker with the other side)
                if (t.casNext(null, node)) {
                    casTail(t, node); // may fail: someone helped already
                    return;
                }
            } else {
                casTail(t, next); // help a lagging tail
            }
        }
    }

    /**
     * The sequence number of the last node: it grows with every append (modulo
     * {@code 2^}{@value WaitNode#SEQ_BITS}), and only with an append. The last node is never
     * unlinked, and a lagging {@code tail} still leads to it.
     */
    long lastSeq() {
        WaitNode t = lvTail();
        for (WaitNode n; (n = t.lvNext()) != null; ) {
            t = n;
        }
        return t.seq();
    }

    /** The node after the sentinel, live or dead; the start of a traversal. */
    WaitNode first() {
        return lvHead().lvNext();
    }

    /** The oldest live node, dropping dead nodes in front of it; null if there is none. */
    WaitNode firstLive() {
        for (;;) {
            // volatile reads: a sender's check for receivers after its offer CAS, Dekker with
            // the receiver's append CAS followed by its re-check of the buffer
            final WaitNode h = lvHead();
            final WaitNode n = h.lvNext();
            if (n == null || n.isLive()) {
                return n;
            }
            casHead(h, n); // n is dead: it becomes the sentinel
        }
    }

    /**
     * Hands {@code e} to the oldest live receiving node: completes it with one CAS on its
     * outcome ({@link WaitNode#tryMatch}) and unparks its owner.
     *
     * <p>The matcher, not the owner, then drops the node from the front: the node it matched
     * was {@code h.next} for the {@code h} it read, and every node before it is dead, so it
     * makes the matched node the sentinel with one {@code casHead(h, n)} while that line is
     * still in its cache. An owner whose node was completed by a match therefore need not call
     * {@link #abandon} (see {@link Selection}): only nodes found through the head are ever
     * matched, which is what makes that safe. Never advance to {@code n.next} (that would hide a
     * live node) and never before the match CAS (a live sentinel is invisible to every partner).
     * After the match the matcher also drops the dead nodes right behind {@code n} (cancelled,
     * woken, or selects completed elsewhere), which the owner's {@code abandon} used to do: so
     * a channel nobody waits on links no dead node but its sentinel once its last waiter is
     * matched. When {@code n} is the only
     * waiter this reads {@code n.next}, on the line the CAS just took: no extra miss.
     *
     * @return whether a node took {@code e}
     */
    boolean giveFirst(Object e) {
        return matchFirst(e) != Clause.NOT_READY;
    }

    /**
     * Takes the element of the oldest live sending node, completing it as {@link #giveFirst}
     * does; {@link Clause#NOT_READY} if there is none.
     */
    Object takeFirst() {
        return matchFirst(null);
    }

    /**
     * The match loop of both modes: completes the oldest live node with {@code e} (null when
     * taking) and returns the element it offered, null for a receiving node;
     * {@link Clause#NOT_READY} if no node is live.
     */
    private Object matchFirst(Object e) {
        for (;;) {
            final WaitNode h = lvHead();
            final WaitNode n = h.lvNext();
            if (n == null) {
                return Clause.NOT_READY;
            }
            final Object item = n.item; // read before the CAS: the owner clears it once completed
            final boolean matched = n.isLive() && n.tryMatch(e);
            advance(h, n); // n is dead now, whoever completed it
            if (matched) {
                firstLive(); // and drop the dead nodes behind it, as its owner no longer does
                return item;
            }
        }
    }

    /**
     * Makes {@code n}, dead and read as {@code h.next}, the sentinel: one attempt. If it fails,
     * {@code head} has already left {@code h}: for {@code n}, for a node past it, or for a dead
     * node a sweep unlinked, whose {@code next} still leads to {@code n}. Then {@code n} is in
     * the dead prefix or gone, and the next {@link #firstLive} drops what is left. The expected value is the {@code h} that
     * was read, never a fresh read of {@code head}, which could move the head backwards.
     */
    private void advance(WaitNode h, WaitNode n) {
        if (lvHead() == h) { // skip a CAS bound to fail: matchers contending on the head line
            casHead(h, n);
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
            if (n.tryWake()) {
                return true;
            }
            // n's waiter finished some other way between the two reads; try the next
        }
    }

    /** Wakes every live node: close uses it. Nodes appended meanwhile re-check by themselves. */
    void wakeAll() {
        for (WaitNode n = first(); n != null; n = n.lvNext()) {
            n.tryWake();
        }
        firstLive();
    }

    /**
     * Notes that a node's waiter has finished: cancelled, timed out, interrupted, woken, or a
     * select (whose nodes may have been completed through another node). Such a node may sit
     * anywhere, behind live ones. Drops dead nodes at the front, and counts the rest towards the
     * next sweep. A plain operation's node completed by {@link #giveFirst}/{@link #takeFirst},
     * or served on a buffered channel (found by {@link #firstLive}, so at the front), is not
     * abandoned: its matcher or server dropped it already. A select's nodes are all abandoned, the
     * matched one included (harmless: it only over-counts).
     */
    void abandon() {
        if (firstLive() == null) {
            return; // every node was dead and the head advance dropped them all
        }
        if (countAbandoned()) {
            sweepDone(sweep());
        }
    }

    /**
     * Unlinks every dead interior node it meets, keeping the last node.
     *
     * @return how many nodes it walked
     */
    int sweep() {
        int walked = 0;
        WaitNode pred = lvHead();
        WaitNode n = pred.lvNext();
        while (n != null) {
            walked++;
            final WaitNode next = n.lvNext();
            if (next != null && !n.isLive()) {
                pred.casNext(n, next); // failure: pred changed under us; move on
            } else {
                pred = n;
            }
            n = next;
        }
        return walked;
    }
}

/** The sweep bookkeeping, written by every abandon, on its own region after the tail's. */
abstract class WaitQueueSweep extends WaitQueueSweepPad {
    /** The fewest abandoned nodes between interior sweeps. */
    static final int SWEEP_PERIOD = 32;

    private static final VarHandle ABANDONED = VarHandles.field(MethodHandles.lookup(), "abandoned", int.class);

    /** Nodes abandoned since the last sweep. */
    private volatile int abandoned;
    /** Abandoned nodes that trigger the next sweep. Plain: a racy heuristic. */
    private int sweepThreshold = SWEEP_PERIOD;

    WaitQueueSweep(WaitNode sentinel) {
        super(sentinel);
    }

    /** Counts one abandoned node; true if a sweep is due, and then the count starts again. */
    final boolean countAbandoned() {
        if (getAndAddAbandoned(1) >= sweepThreshold) {
            sopAbandoned(0); // opaque: a racy reset only shifts the next sweep
            return true;
        }
        return false;
    }

    private int getAndAddAbandoned(int delta) {
        return (int) ABANDONED.getAndAdd(this, delta);
    }

    private void sopAbandoned(int value) {
        ABANDONED.setOpaque(this, value);
    }

    /** Sets the next threshold from the length of the sweep just done. */
    final void sweepDone(int walked) {
        sweepThreshold = Math.max(SWEEP_PERIOD, walked >> 1);
    }
}

/** 128 bytes between the tail and the sweep bookkeeping. */
abstract class WaitQueueSweepPad extends WaitQueueTail {
    long p30, p31, p32, p33, p34, p35, p36, p37;
    long p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;

    WaitQueueSweepPad(WaitNode sentinel) {
        super(sentinel);
    }
}

/** The tail, on its own 128-byte region after the head's. */
abstract class WaitQueueTail extends WaitQueueTailPad {
    private static final VarHandle TAIL = VarHandles.field(MethodHandles.lookup(), "tail", WaitNode.class);

    private volatile WaitNode tail;
    /** Fills the 4 bytes after {@code tail} so that no subclass field lands beside it. */
    int tailGap;

    WaitQueueTail(WaitNode sentinel) {
        super(sentinel);
        tail = sentinel;
    }

    final WaitNode lvTail() {
        return tail;
    }

    final boolean casTail(WaitNode expect, WaitNode update) {
        return TAIL.compareAndSet(this, expect, update);
    }
}

/** 128 bytes between the head and the tail. */
abstract class WaitQueueTailPad extends WaitQueueHead {
    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    WaitQueueTailPad(WaitNode sentinel) {
        super(sentinel);
    }
}

/** The sentinel head, padded away from the object header and from the tail. */
abstract class WaitQueueHead extends WaitQueueHeadPad {
    private static final VarHandle HEAD = VarHandles.field(MethodHandles.lookup(), "head", WaitNode.class);

    /** The sentinel; its fields mean nothing. The queue's nodes follow it. */
    private volatile WaitNode head;
    /** Fills the 4 bytes after {@code head} so that no subclass field lands beside it. */
    int headGap;

    WaitQueueHead(WaitNode sentinel) {
        head = sentinel;
    }

    final WaitNode lvHead() {
        return head;
    }

    final boolean casHead(WaitNode expect, WaitNode update) {
        return HEAD.compareAndSet(this, expect, update);
    }
}

/** 128 bytes before the head, away from the object header and whatever was allocated before. */
abstract class WaitQueueHeadPad {
    /** Fills the header gap (offset 12 with compressed class pointers), which a subclass's
     *  4-byte field would otherwise take, in front of the padding. */
    int headerGap;
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}
