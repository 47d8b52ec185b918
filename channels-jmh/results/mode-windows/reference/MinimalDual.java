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
 *
 * <p>Two variants of the FIFO change one thing each (added 2026-12-07): {@link FifoTight} keeps
 * the head and the tail on one line, as a stack's one head is, and {@link FifoSplit} puts each
 * node's {@code next} on another line than its {@code item}, so that the next waiter's link to
 * the node just matched does not take the line its matcher and owner are using. The three FIFOs
 * share one transfer ({@link FifoCore}); each JVM of the experiment runs one of them.
 *
 * <p>Two FIFOs without a sentinel in front ({@link FifoDirect}, {@link FifoDirectLazy}, over
 * {@link DirectCore}) take out the hop from the head through the sentinel to the first waiter,
 * the second also the lone waiter's update of the tail; two stacks add a FIFO's costs to the
 * stack ({@link LifoTailed}, a second CAS on a tail; {@link LifoBoxed}, a hop before the node).
 * The mode-windows README's sections "What the stack saves" and "A FIFO within 1.16× of the
 * stack" give their measurements; {@code Check.java} smoke-checks each.
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

    /** A waiter's node; where its {@code next} lives is up to the subclass. */
    abstract static class Node {
        static final VarHandle ITEM = handle(Node.class, "item", Object.class);

        final boolean isData;
        volatile Object item;
        volatile Thread waiter;

        Node(Object item, boolean isData) {
            this.item = item;
            this.isData = isData;
        }

        /** The handle of the subclass's {@code next} field: where it lives is the subclass's. */
        abstract VarHandle nextHandle();

        final Node next() {
            return (Node) nextHandle().getVolatile(this);
        }

        final void setNext(Node next) {
            nextHandle().setVolatile(this, next);
        }

        final boolean casNext(Node expect, Node update) {
            return nextHandle().compareAndSet(this, expect, update);
        }

        boolean casItem(Object expect, Object update) {
            return ITEM.compareAndSet(this, expect, update);
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

    /** {@code next} beside {@code item}, on one line: the textbook node. */
    static final class PlainNode extends Node {
        static final VarHandle NEXT = handle(PlainNode.class, "next", Node.class);

        volatile Node next;

        PlainNode(Object item, boolean isData) {
            super(item, isData);
        }

        @Override
        VarHandle nextHandle() {
            return NEXT;
        }
    }

    /** 128 bytes between a split node's item and its next. */
    abstract static class SplitPad extends Node {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;

        SplitPad(Object item, boolean isData) {
            super(item, isData);
        }
    }

    /** {@code next} on its own line, away from {@code item}: {@link FifoSplit}'s node. */
    static final class SplitNode extends SplitPad {
        static final VarHandle NEXT = handle(SplitNode.class, "next", Node.class);

        volatile Node next;

        SplitNode(Object item, boolean isData) {
            super(item, isData);
        }

        @Override
        VarHandle nextHandle() {
            return NEXT;
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
        /** Fills the 4 bytes beside {@code tail}, where the JVM would otherwise put a subclass field. */
        int tailGap;

        boolean casTail(Node expect, Node update) {
            return TAIL.compareAndSet(this, expect, update);
        }
    }

    abstract static class Pad2 extends TailField {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    /** A second head and tail, side by side on one line: {@link FifoTight}'s. */
    abstract static class PairFields extends Pad2 {
        static final VarHandle PAIR_HEAD = handle(PairFields.class, "pairHead", Node.class);
        static final VarHandle PAIR_TAIL = handle(PairFields.class, "pairTail", Node.class);

        volatile Node pairHead;
        volatile Node pairTail;
    }

    abstract static class Pad3 extends PairFields {
        long p30, p31, p32, p33, p34, p35, p36, p37;
    }

    abstract static class Rendezvous extends Pad3 implements ChannelUnderTest {
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

    /**
     * The FIFO dual queue's transfer: a waiter appends (two CAS), a partner matches the oldest
     * (CAS, head CAS). Where the head, the tail and a node's next live is the subclass's.
     */
    abstract static class FifoCore extends Rendezvous {
        FifoCore(String capacity) {
            super(capacity);
        }

        abstract Node lvHead();

        abstract Node lvTail();

        abstract boolean casFifoHead(Node expect, Node update);

        abstract boolean casFifoTail(Node expect, Node update);

        abstract Node newNode(Object e, boolean isData);

        @Override
        final Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Node t = lvTail();
                final Node h = lvHead();
                if (h == t || t.isData == isData) { // empty, or waiters of our kind: append
                    final Node tn = t.next();
                    if (t != lvTail()) {
                        continue;
                    }
                    if (tn != null) {
                        casFifoTail(t, tn);
                        continue;
                    }
                    if (s == null) {
                        s = newNode(e, isData);
                    }
                    if (!t.casNext(null, s)) {
                        continue;
                    }
                    casFifoTail(t, s);
                    final Object x = s.await(e);
                    final Node h2 = lvHead();
                    if (h2.next() == s) {
                        casFifoHead(h2, s); // the matcher usually did this already
                    }
                    return valueOf(isData, e, x);
                }
                final Node m = h.next(); // a waiter of the other kind: match the oldest
                if (t != lvTail() || m == null || h != lvHead()) {
                    continue;
                }
                final Object r = m.tryMatch(e);
                casFifoHead(h, m); // m is the new dummy, matched by us or someone else
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** Head and tail on lines of their own ({@code head}, {@code tail}): the textbook layout. */
    abstract static class PaddedFifo extends FifoCore {
        PaddedFifo(String capacity) {
            super(capacity);
            head = tail = newNode(null, false);
        }

        @Override
        final Node lvHead() {
            return head;
        }

        @Override
        final Node lvTail() {
            return tail;
        }

        @Override
        final boolean casFifoHead(Node expect, Node update) {
            return casHead(expect, update);
        }

        @Override
        final boolean casFifoTail(Node expect, Node update) {
            return casTail(expect, update);
        }
    }

    /** The textbook FIFO: head and tail on lines of their own, {@code next} beside {@code item}. */
    public static final class Fifo extends PaddedFifo {
        public Fifo(String capacity) {
            super(capacity);
        }

        @Override
        Node newNode(Object e, boolean isData) {
            return new PlainNode(e, isData);
        }
    }

    /** Head and tail side by side on one line ({@code pairHead}, {@code pairTail}). */
    public static final class FifoTight extends FifoCore {
        public FifoTight(String capacity) {
            super(capacity);
            pairHead = pairTail = newNode(null, false);
        }

        @Override
        Node lvHead() {
            return pairHead;
        }

        @Override
        Node lvTail() {
            return pairTail;
        }

        @Override
        boolean casFifoHead(Node expect, Node update) {
            return PAIR_HEAD.compareAndSet(this, expect, update);
        }

        @Override
        boolean casFifoTail(Node expect, Node update) {
            return PAIR_TAIL.compareAndSet(this, expect, update);
        }

        @Override
        Node newNode(Object e, boolean isData) {
            return new PlainNode(e, isData);
        }
    }

    /** The textbook layout of head and tail, with each node's {@code next} on a line of its own. */
    public static final class FifoSplit extends PaddedFifo {
        public FifoSplit(String capacity) {
            super(capacity);
        }

        @Override
        Node newNode(Object e, boolean isData) {
            return new SplitNode(e, isData);
        }
    }

    /**
     * The stack's transfer: a waiter pushes (one CAS on the head), a partner matches the top
     * node and pops it; {@link #pushed} is what a variant adds after a push.
     */
    abstract static class StackCore extends Rendezvous {
        StackCore(String capacity) {
            super(capacity);
        }

        abstract void pushed(Node s);

        @Override
        final Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Node h = head;
                if (h == null || h.isData == isData) { // empty, or waiters of our kind: push
                    if (s == null) {
                        s = new PlainNode(e, isData);
                    }
                    s.setNext(h);
                    if (casHead(h, s)) {
                        pushed(s);
                        return valueOf(isData, e, s.await(e));
                    }
                    continue;
                }
                final Object r = h.tryMatch(e); // the newest waiter of the other kind
                casHead(h, h.next()); // pop it, matched by us or someone else
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** The stack in the manner of the non-fair {@code SynchronousQueue}. */
    public static final class Lifo extends StackCore {
        public Lifo(String capacity) {
            super(capacity);
        }

        @Override
        void pushed(Node s) {
        }
    }

    /**
     * The stack whose pusher also swings a tail on a line of its own, as a FIFO's appender
     * does after its link: the cost of that second CAS alone.
     */
    public static final class LifoTailed extends StackCore {
        public LifoTailed(String capacity) {
            super(capacity);
        }

        @Override
        void pushed(Node s) {
            casTail(tail, s);
        }
    }

    /** What {@link LifoBoxed}'s head points at: one more object between the head and the node. */
    static final class Box {
        final Node node;

        Box(Node node) {
            this.node = node;
        }
    }

    /**
     * The stack with its head pointing at a box the pusher allocates, which points at the
     * node: a partner reads one more line, last written by the other thread, before it reaches
     * the node, as a FIFO's partner reads the sentinel before the first waiter. (It also
     * allocates a box a push.)
     */
    public static final class LifoBoxed extends Rendezvous {
        static final VarHandle BOX_HEAD = handle(LifoBoxed.class, "boxHead", Box.class);

        volatile Box boxHead;

        public LifoBoxed(String capacity) {
            super(capacity);
        }

        @Override
        Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Box b = boxHead;
                final Node h = b == null ? null : b.node;
                if (h == null || h.isData == isData) {
                    if (s == null) {
                        s = new PlainNode(e, isData);
                    }
                    s.setNext(h);
                    if (BOX_HEAD.compareAndSet(this, b, new Box(s))) {
                        return valueOf(isData, e, s.await(e));
                    }
                    continue;
                }
                final Object r = h.tryMatch(e);
                final Node n = h.next();
                BOX_HEAD.compareAndSet(this, b, n == null ? null : new Box(n));
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** The link of a last node that a partner took: nobody may link behind it ({@link FifoDirect}). */
    static final Node CLOSED = new PlainNode(null, false);

    /**
     * A FIFO without a sentinel in front: the head points at the oldest waiter itself, so a
     * partner reads the head and then the node, as in a stack. A waiter that finds the queue
     * empty installs itself with one CAS on the head (and then {@link #installed}); one that
     * finds waiters of its kind links behind the last node (CAS on its {@code next}) and swings
     * the tail. A partner that takes the last node closes its {@code next} (CAS from null to
     * {@link #CLOSED}) before it empties the head, so that nobody links behind a node that has
     * left; a tail left on a closed node, or never set, is stale, and the next waiter that
     * links behind others moves it to the head first. Checked by {@code Check.java} (every
     * message received once, in each sender's order), not proven.
     */
    abstract static class DirectCore extends Rendezvous {
        DirectCore(String capacity) {
            super(capacity);
        }

        /** What a waiter does after installing itself as the head of an empty queue. */
        abstract void installed(Node s);

        @Override
        final Object transfer(Object e, boolean isData) {
            Node s = null;
            for (;;) {
                final Node f = head;
                if (f == null) { // empty: install ourselves as the first waiter
                    if (s == null) {
                        s = new PlainNode(e, isData);
                    }
                    if (casHead(null, s)) {
                        installed(s);
                        return valueOf(isData, e, s.await(e));
                    }
                    continue;
                }
                final Node fn = f.next();
                if (fn == CLOSED) { // taken as the last node: drop it
                    casHead(f, null);
                    continue;
                }
                if (f.isData == isData) { // waiters of our kind: link behind the last
                    final Node t = tail;
                    final Node tn = t == null ? CLOSED : t.next();
                    if (tn == CLOSED) { // a stale tail: start again from the first
                        casTail(t, f);
                        continue;
                    }
                    if (tn != null) { // a lagging tail
                        casTail(t, tn);
                        continue;
                    }
                    if (t.isData != isData) { // the queue changed kind meanwhile
                        continue;
                    }
                    if (s == null) {
                        s = new PlainNode(e, isData);
                    }
                    if (t.casNext(null, s)) {
                        casTail(t, s);
                        return valueOf(isData, e, s.await(e));
                    }
                    continue;
                }
                final Object r = f.tryMatch(e); // the oldest waiter of the other kind
                Node n = fn;
                if (n == null && !f.casNext(null, CLOSED)) {
                    n = f.next(); // someone linked behind it meanwhile
                }
                casHead(f, n == null || n == CLOSED ? null : n);
                if (r != null) {
                    return r;
                }
            }
        }
    }

    /** The sentinel-less FIFO whose installing waiter also points the tail at itself. */
    public static final class FifoDirect extends DirectCore {
        public FifoDirect(String capacity) {
            super(capacity);
        }

        @Override
        void installed(Node s) {
            final Node t = tail;
            if (t == null || t.next() == CLOSED) {
                casTail(t, s);
            }
        }
    }

    /**
     * The sentinel-less FIFO whose installing waiter leaves the tail alone: a waiter alone in
     * the queue touches only the head, as a stack's does; the tail is moved only by waiters
     * that link behind others. (Added 2026-12-07.)
     */
    public static final class FifoDirectLazy extends DirectCore {
        public FifoDirectLazy(String capacity) {
            super(capacity);
        }

        @Override
        void installed(Node s) {
        }
    }
}
