import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import org.channels4j.jmh.ChannelUnderTest;

/**
 * channels4j's rendezvous protocol written small, for an experiment (mode-windows/README.md,
 * "The protocol written small"), not a library: no timeouts, no interrupts, no close, no
 * select, no adaptive spin, no flight recorder. What it keeps from {@code UnbufferedChannel} is
 * the protocol: two FIFO queues, one of blocked senders and one of blocked receivers; an
 * arriving operation takes the oldest live waiter of the other kind, completing it with one CAS
 * on its outcome; if there is none it appends its own node to its own queue, re-checks the
 * other queue (the Dekker pattern), and either acts on a partner it meets (cancelling its own
 * node and trying again) or settles and waits, spinning {@link #SPINS} polls and then parking.
 * Two registered waiters that meet follow channels4j's rule: act on a settled partner, or on
 * one whose thread id is larger; otherwise wait for it to settle or leave. A thread whose last
 * wait a partner ended polls the other queue {@link #POLLS} times before it registers, unless
 * a waiter of its own kind is registered (channels4j's "late party").
 *
 * <p>What varies is the queue under the protocol: {@link Sentinel} is channels4j's
 * {@code WaitQueue} (a Michael-Scott queue with a sentinel, whose matcher makes the matched
 * node the sentinel), {@link Direct} the sentinel-less queue of {@code MinimalDual.DirectCore}
 * whose lone waiter installs itself as the head and leaves the tail alone
 * ({@code FifoDirectLazy}). The {@code NoPoll} variants leave out the late party's poll.
 * {@code Check.java} smoke-checks each.
 */
public final class MinimalTwoQueue {
    private MinimalTwoQueue() {
    }

    static final int SPINS = 1 << 10;
    static final int POLLS = 1 << 6;

    static final Object NOT_READY = new Object();
    static final Object CANCELLED = new Object();
    static final Object SENT = new Object();

    /** {@link MinimalDual#handle}: the two files are compiled together ({@code run.sh}). */
    static VarHandle handle(Class<?> owner, String field, Class<?> type) {
        return MinimalDual.handle(owner, field, type);
    }

    /** A blocked operation's one node: its outcome is null while it waits. */
    static final class Node {
        static final VarHandle OUTCOME = handle(Node.class, "outcome", Object.class);
        static final VarHandle NEXT = handle(Node.class, "next", Node.class);

        final Object item;
        final Thread thread;
        final long id;
        volatile Object outcome;
        volatile boolean settled;
        volatile boolean parked;
        volatile Node next;

        Node(Object item, Thread thread) {
            this.item = item;
            this.thread = thread;
            this.id = thread == null ? 0 : thread.threadId();
        }

        boolean isLive() {
            return outcome == null;
        }

        boolean casNext(Node expect, Node update) {
            return NEXT.compareAndSet(this, expect, update);
        }

        /** Completes this waiter with {@code result}: one CAS; wakes the owner if it parked. */
        boolean tryMatch(Object result) {
            if (outcome != null || !OUTCOME.compareAndSet(this, null, result)) {
                return false;
            }
            if (parked) { // volatile read after the CAS: Dekker with the owner's parked, then outcome
                LockSupport.unpark(thread);
            }
            return true;
        }

        boolean tryCancel() {
            return outcome == null && OUTCOME.compareAndSet(this, null, CANCELLED);
        }

        Object await() {
            for (int i = 0; i < SPINS; i++) {
                final Object o = outcome;
                if (o != null) {
                    return o;
                }
                Thread.onSpinWait();
            }
            parked = true;
            Object o;
            while ((o = outcome) == null) {
                LockSupport.park(this);
            }
            return o;
        }
    }

    /** Stands for a removed last node's {@code next}: nobody may link behind it ({@link Direct}). */
    static final Node CLOSED = new Node(null, null);

    static {
        CLOSED.outcome = CANCELLED;
    }

    abstract static class QPad0 {
        int headerGap;
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
    }

    abstract static class QHead extends QPad0 {
        static final VarHandle HEAD = handle(QHead.class, "head", Node.class);

        volatile Node head;
        int headGap;

        final boolean casHead(Node expect, Node update) {
            return HEAD.compareAndSet(this, expect, update);
        }
    }

    abstract static class QPad1 extends QHead {
        long p10, p11, p12, p13, p14, p15, p16, p17;
        long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
    }

    abstract static class QTail extends QPad1 {
        static final VarHandle TAIL = handle(QTail.class, "tail", Node.class);

        volatile Node tail;
        int tailGap;

        final boolean casTail(Node expect, Node update) {
            return TAIL.compareAndSet(this, expect, update);
        }
    }

    /** One side's FIFO of waiters, padded: head, tail and whatever follows each on its own 128 bytes. */
    abstract static class Queue extends QTail {
        long p20, p21, p22, p23, p24, p25, p26, p27;
        long p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

        abstract void append(Node s);

        /** The oldest live node, dropping dead ones in front of it; null if none. */
        abstract Node firstLive();

        /** The node after {@code n} in a traversal from {@link #firstLive}; null at the end. */
        abstract Node after(Node n);

        /**
         * Completes the oldest live node with {@code result} and returns its item;
         * {@link #NOT_READY} if no node is live.
         */
        abstract Object matchFirst(Object result);
    }

    /** channels4j's WaitQueue: a sentinel head; the matcher makes the matched node the sentinel. */
    static final class Sentinel extends Queue {
        Sentinel() {
            final Node s = new Node(null, null);
            s.outcome = CANCELLED;
            head = s;
            tail = s;
        }

        @Override
        void append(Node s) {
            for (;;) {
                final Node t = tail;
                final Node n = t.next;
                if (n == null) {
                    if (t.casNext(null, s)) {
                        casTail(t, s);
                        return;
                    }
                } else {
                    casTail(t, n);
                }
            }
        }

        @Override
        Node firstLive() {
            for (;;) {
                final Node h = head;
                final Node n = h.next;
                if (n == null || n.isLive()) {
                    return n;
                }
                casHead(h, n);
            }
        }

        @Override
        Node after(Node n) {
            return n.next;
        }

        @Override
        Object matchFirst(Object result) {
            for (;;) {
                final Node h = head;
                final Node n = h.next;
                if (n == null) {
                    return NOT_READY;
                }
                final boolean matched = n.isLive() && n.tryMatch(result);
                if (head == h) {
                    casHead(h, n);
                }
                if (matched) {
                    firstLive();
                    return n.item;
                }
            }
        }
    }

    /**
     * The sentinel-less queue of {@code MinimalDual.DirectCore}, lazy tail: {@code head} is the
     * oldest node, null when empty; a waiter arriving at an empty queue installs itself with
     * one CAS on the head and leaves the tail alone. Whoever removes the last node closes its
     * {@code next} first, so that nobody links behind a node that has left.
     */
    static final class Direct extends Queue {
        @Override
        void append(Node s) {
            for (;;) {
                final Node f = head;
                if (f == null) {
                    if (casHead(null, s)) {
                        return;
                    }
                    continue;
                }
                final Node fn = f.next;
                if (fn == CLOSED) {
                    casHead(f, null);
                    continue;
                }
                final Node t = tail;
                final Node tn = t == null ? CLOSED : t.next;
                if (tn == CLOSED) {
                    casTail(t, f);
                    continue;
                }
                if (tn != null) {
                    casTail(t, tn);
                    continue;
                }
                if (t.casNext(null, s)) {
                    casTail(t, s);
                    return;
                }
            }
        }

        /** Drops {@code f}, dead and read as the head: closes its next if it is the last. */
        private void remove(Node f) {
            Node n = f.next;
            if (n == null && !f.casNext(null, CLOSED)) {
                n = f.next;
            }
            casHead(f, n == null || n == CLOSED ? null : n);
        }

        @Override
        Node firstLive() {
            for (;;) {
                final Node f = head;
                if (f == null || f.isLive()) {
                    return f;
                }
                remove(f);
            }
        }

        @Override
        Node after(Node n) {
            final Node next = n.next;
            return next == CLOSED ? null : next;
        }

        @Override
        Object matchFirst(Object result) {
            for (;;) {
                final Node f = head;
                if (f == null) {
                    return NOT_READY;
                }
                final boolean matched = f.isLive() && f.tryMatch(result);
                remove(f);
                if (matched) {
                    return f.item;
                }
            }
        }
    }

    /**
     * {@link Direct} as it was ported into channels4j's {@code WaitQueue} (scratch, 2026-12-07,
     * {@code ablations/direct-lazy.diff}): the head is never null; an empty queue's head is its
     * last node, dead, whose {@code next} is {@link #CLOSED}, and a waiter arriving at an empty
     * queue replaces it with one CAS on the head. So a matcher that takes the last waiter closes
     * its {@code next} and leaves the head alone.
     */
    static final class DirectKeep extends Queue {
        DirectKeep() {
            final Node s = new Node(null, null);
            s.outcome = CANCELLED;
            s.next = CLOSED;
            head = s;
            tail = s;
        }

        @Override
        void append(Node s) {
            for (;;) {
                final Node h = head;
                if (h.next == CLOSED) { // empty: install as the head; the tail is left behind
                    if (casHead(h, s)) {
                        return;
                    }
                    continue;
                }
                final Node t = tail;
                final Node tn = t.next;
                if (tn == null) {
                    if (t.casNext(null, s)) {
                        casTail(t, s);
                        return;
                    }
                } else if (tn != CLOSED) {
                    casTail(t, tn);
                } else {
                    final Node h2 = head;
                    if (h2 != t) {
                        casTail(t, h2); // a tail left on a closed node: catch up with the head
                    }
                }
            }
        }

        /** Drops {@code h}, dead and read as the head; false if the queue is empty. One attempt. */
        private boolean drop(Node h) {
            Node n = h.next;
            if (n == null) {
                if (h.casNext(null, CLOSED)) {
                    return false;
                }
                n = h.next;
            }
            if (n == CLOSED) {
                return false;
            }
            if (head == h) {
                casHead(h, n);
            }
            return true;
        }

        @Override
        Node firstLive() {
            for (;;) {
                final Node h = head;
                if (h.isLive()) {
                    return h;
                }
                if (!drop(h)) {
                    return null;
                }
            }
        }

        @Override
        Node after(Node n) {
            final Node next = n.next;
            return next == CLOSED ? null : next;
        }

        @Override
        Object matchFirst(Object result) {
            for (;;) {
                final Node h = head;
                if (h.isLive()) {
                    final boolean matched = h.tryMatch(result);
                    drop(h);
                    if (matched) {
                        firstLive();
                        return h.item;
                    }
                    continue;
                }
                if (!drop(h)) {
                    return NOT_READY;
                }
            }
        }
    }

    /** The thread's mark: its last wait was ended by a partner, and it has not matched a waiter since. */
    static final ThreadLocal<boolean[]> LATE = ThreadLocal.withInitial(() -> new boolean[1]);

    abstract static class TwoQueue implements ChannelUnderTest {
        final Queue senders;
        final Queue receivers;
        final boolean polls;

        TwoQueue(String capacity, Queue senders, Queue receivers, boolean polls) {
            if (!"0".equals(capacity)) {
                throw new IllegalArgumentException("a rendezvous only: capacity 0, was " + capacity);
            }
            this.senders = senders;
            this.receivers = receivers;
            this.polls = polls;
        }

        /** Sends {@code e} (receiving if {@code isData} is false) and returns the element received, or {@code e}. */
        final Object transfer(Object e, boolean isData) {
            final Queue mine = isData ? senders : receivers;
            final Queue other = isData ? receivers : senders;
            final Object result = isData ? e : SENT;
            final boolean[] late = LATE.get(); // looked up before any match
            Object r = other.matchFirst(result);
            if (r != NOT_READY) {
                late[0] = false;
                return isData ? e : r;
            }
            if (polls && late[0] && mine.firstLive() == null) {
                late[0] = false;
                for (int i = 0; i < POLLS; i++) {
                    Thread.onSpinWait();
                    if (other.firstLive() != null) {
                        r = other.matchFirst(result);
                        if (r != NOT_READY) {
                            return isData ? e : r;
                        }
                        break;
                    }
                }
            }
            late[0] = false;
            final Thread me = Thread.currentThread();
            for (;;) {
                final Node node = new Node(isData ? e : null, me);
                mine.append(node);
                final Node partner = findPartner(other, node);
                final Object outcome;
                if (partner == null) {
                    node.settled = true;
                    outcome = node.await();
                } else if (node.tryCancel()) {
                    mine.firstLive(); // drop it if it is at the front
                    r = other.matchFirst(result);
                    if (r != NOT_READY) {
                        return isData ? e : r;
                    }
                    continue;
                } else {
                    outcome = node.outcome;
                }
                late[0] = true;
                return isData ? e : outcome;
            }
        }

        /**
         * The partner a re-check of {@code own} acts on: the oldest live node of {@code other}
         * that is settled or whose thread's id is larger; one still re-checking with a smaller
         * id is waited for. {@code own} if a partner completed it meanwhile; null if none.
         */
        private static Node findPartner(Queue other, Node own) {
            for (Node n = other.firstLive(); n != null; n = other.after(n)) {
                while (n.isLive()) {
                    if (n.settled || own.id < n.id) {
                        return n;
                    }
                    if (!own.isLive()) {
                        return own;
                    }
                    Thread.onSpinWait();
                }
            }
            return null;
        }

        @Override
        public final void send(Object e) {
            transfer(e, true);
        }

        @Override
        public final Object receive() {
            return transfer(null, false);
        }

        @Override
        public final boolean trySend(Object e) {
            throw new UnsupportedOperationException("blocking operations only");
        }

        @Override
        public final Object tryReceive() {
            throw new UnsupportedOperationException("blocking operations only");
        }
    }

    public static final class TwoSentinel extends TwoQueue {
        public TwoSentinel(String capacity) {
            super(capacity, new Sentinel(), new Sentinel(), true);
        }
    }

    public static final class TwoDirect extends TwoQueue {
        public TwoDirect(String capacity) {
            super(capacity, new Direct(), new Direct(), true);
        }
    }

    public static final class TwoDirectKeep extends TwoQueue {
        public TwoDirectKeep(String capacity) {
            super(capacity, new DirectKeep(), new DirectKeep(), true);
        }
    }

    public static final class TwoSentinelNoPoll extends TwoQueue {
        public TwoSentinelNoPoll(String capacity) {
            super(capacity, new Sentinel(), new Sentinel(), false);
        }
    }

    public static final class TwoDirectNoPoll extends TwoQueue {
        public TwoDirectNoPoll(String capacity) {
            super(capacity, new Direct(), new Direct(), false);
        }
    }
}
