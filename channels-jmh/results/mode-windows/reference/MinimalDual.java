import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import org.channels4j.jmh.ChannelUnderTest;

/**
 * Two minimal rendezvous algorithms for an experiment (mode-windows/README.md, "A FIFO and a
 * stack written small"), not a library: no timeouts, no interrupts, no close, no select. Each
 * blocked operation is one node that its owner spins on (1,024 polls, channels4j's longest
 * spin; JDK 25's SynchronousQueue spins 128, and only while its carrier has no queued work)
 * and then parks on; the partner completes it with one CAS
 * on the node's item. {@link Fifo} is the dual queue of Scherer, Lea and Scott (a waiter links
 * its node behind the tail with a CAS and moves the tail with another; a partner takes the
 * oldest node and moves the head); {@link Lifo} is a stack in the manner of JDK 25's non-fair
 * SynchronousQueue (a waiter pushes its node with one CAS on the head; a partner matches the
 * top node and pops it).
 */
public final class MinimalDual {
    private MinimalDual() {
    }

    static final int SPINS = 1 << 10;

    static VarHandle handle(Class<?> owner, String field, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node {
        static final VarHandle ITEM = handle(Node.class, "item", Object.class);
        static final VarHandle NEXT = handle(Node.class, "next", Node.class);

        final boolean isData;
        volatile Object item;
        volatile Node next;
        volatile Thread waiter;

        Node(Object item, boolean isData) {
            this.item = item;
            this.isData = isData;
        }

        boolean casItem(Object expect, Object update) {
            return ITEM.compareAndSet(this, expect, update);
        }

        boolean casNext(Node expect, Node update) {
            return NEXT.compareAndSet(this, expect, update);
        }

        /** Completes this waiter with {@code e}: one CAS; wakes the owner if it parked. */
        Object tryMatch(Object e) {
            final Object x = item;
            if ((x != null) != isData || !casItem(x, e)) {
                return null; // already matched
            }
            final Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
            return isData ? x : e;
        }

        /** The owner's wait: spin, then announce and park until the item changes. */
        Object await(Object own) {
            for (int i = 0; i < SPINS; i++) {
                final Object x = item;
                if (x != own) {
                    return x;
                }
                Thread.onSpinWait();
            }
            waiter = Thread.currentThread();
            Object x;
            while ((x = item) == own) {
                LockSupport.park(this);
            }
            return x;
        }
    }

    static Object valueOf(boolean isData, Object own, Object matched) {
        return isData ? own : matched;
    }

    /** Padding around a hot reference, as channels4j pads its indices. */
    abstract static class Pad0 {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    abstract static class HeadField extends Pad0 {
        static final VarHandle HEAD = handle(HeadField.class, "head", Node.class);

        volatile Node head;

        boolean casHead(Node expect, Node update) {
            return HEAD.compareAndSet(this, expect, update);
        }
    }

    abstract static class Pad1 extends HeadField {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    abstract static class TailField extends Pad1 {
        static final VarHandle TAIL = handle(TailField.class, "tail", Node.class);

        volatile Node tail;

        boolean casTail(Node expect, Node update) {
            return TAIL.compareAndSet(this, expect, update);
        }
    }

    abstract static class Pad2 extends TailField {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    abstract static class Rendezvous extends Pad2 implements ChannelUnderTest {
        Rendezvous(String capacity) {
            if (!"0".equals(capacity)) {
                throw new IllegalArgumentException("a rendezvous only: capacity 0, was " + capacity);
            }
        }

        abstract Object transfer(Object e, boolean isData);

        @Override
        public void send(Object e) {
            transfer(e, true);
        }

        @Override
        public Object receive() {
            return transfer(null, false);
        }

        @Override
        public boolean trySend(Object e) {
            throw new UnsupportedOperationException("blocking operations only");
        }

        @Override
        public Object tryReceive() {
            throw new UnsupportedOperationException("blocking operations only");
        }
    }

    /** The FIFO dual queue: a waiter appends (two CAS), a partner matches the oldest (CAS, head CAS). */
    public static final class Fifo extends Rendezvous {
        public Fifo(String capacity) {
            super(capacity);
            final Node dummy = new Node(null, false);
            head = dummy;
            tail = dummy;
        }

        @Override
        Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Node t = tail;
                final Node h = head;
                if (h == t || t.isData == isData) { // empty, or waiters of our kind: append
                    final Node tn = t.next;
                    if (t != tail) {
                        continue;
                    }
                    if (tn != null) {
                        casTail(t, tn);
                        continue;
                    }
                    if (s == null) {
                        s = new Node(e, isData);
                    }
                    if (!t.casNext(null, s)) {
                        continue;
                    }
                    casTail(t, s);
                    final Object x = s.await(e);
                    final Node h2 = head;
                    if (h2.next == s) {
                        casHead(h2, s); // the matcher usually did this already
                    }
                    return valueOf(isData, e, x);
                }
                final Node m = h.next; // a waiter of the other kind: match the oldest
                if (t != tail || m == null || h != head) {
                    continue;
                }
                final Object r = m.tryMatch(e);
                casHead(h, m); // m is the new dummy, matched by us or someone else
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** The stack: a waiter pushes (one CAS on the head), a partner matches the top node and pops it. */
    public static final class Lifo extends Rendezvous {
        public Lifo(String capacity) {
            super(capacity);
        }

        @Override
        Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Node h = head;
                if (h == null || h.isData == isData) { // empty, or waiters of our kind: push
                    if (s == null) {
                        s = new Node(e, isData);
                    }
                    s.next = h;
                    if (casHead(h, s)) {
                        return valueOf(isData, e, s.await(e));
                    }
                    continue;
                }
                final Object r = h.tryMatch(e); // the newest waiter of the other kind
                casHead(h, h.next); // pop it, matched by us or someone else
                if (r != null) {
                    return r;
                }
            }
        }
    }
}
