package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * An unbounded, lock-free, multi-producer multi-consumer FIFO made of linked fixed-size
 * segments: the storage of an unbounded channel.
 *
 * <h2>Algorithm</h2>
 * An infinite array of positions, cut into segments of {@code segmentSize} slots that are
 * linked as they are first needed (the shape of JCTools' linked array queues and of the
 * segment lists in Kotlin's channels). Producers claim position {@code p} by CAS on the
 * producer index and then publish the element into slot {@code p} with a release store; a
 * consumer claims position {@code c} by CAS on the consumer index once it sees, with an acquire
 * load, that slot {@code c} holds an element. Each slot is written once and taken once, so
 * there are no stamps: a non-null slot is a published one.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The segment holding position {@code p} is linked before any producer claims {@code p}:
 *       producers find or link it first, then CAS.</li>
 *   <li>{@code headSegment} and {@code tailSegment} only move forward, by CAS from the value
 *       read. Segments behind both are unreachable, so memory is given back as the queue
 *       drains, by receivers or by a cancel's discard; taken slots are cleared so that
 *       elements are not kept alive either.</li>
 *   <li>Closing sets {@link #CLOSED_BIT} in the producer index, after which no CAS on it
 *       succeeds.</li>
 * </ul>
 *
 * <h2>Linearization points</h2>
 * As in {@link RingBuffer}: the index CASes for successful operations, the volatile read of
 * the producer index for {@code EMPTY}, the CAS that sets the bit for close. A consumer that
 * meets a claimed but unpublished slot waits until the claimer publishes it: it spins, and a
 * platform thread then yields ({@link DependentWait}).
 *
 * <h2>Cancel</h2>
 * {@link #claimRemainingForDiscard()} sets a bit in the consumer index, after which no
 * consumer CAS succeeds and consumers report the queue drained (closing it first); once
 * closed, {@link #drainDiscarded} takes every position from the frozen consumer index to the
 * closed producer index. Cancel is linearized at the close.
 */
final class SegmentedQueue extends BufferIndices implements ElementBuffer {
    static final int DEFAULT_SEGMENT_SIZE = 256;

    private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD_SEGMENT = VarHandles.field(MethodHandles.lookup(), "headSegment", Segment.class);
    private static final VarHandle TAIL_SEGMENT = VarHandles.field(MethodHandles.lookup(), "tailSegment", Segment.class);

    /** A run of {@code items.length} consecutive positions starting at {@code start}. */
    static final class Segment {
        private static final VarHandle NEXT = VarHandles.field(MethodHandles.lookup(), "next", Segment.class);

        final long start;
        final Object[] items;
        private volatile Segment next;

        Segment(long start, int size) {
            this.start = start;
            this.items = new Object[size];
        }

        Segment lvNext() {
            return next;
        }

        boolean casNext(Segment expect, Segment update) {
            return NEXT.compareAndSet(this, expect, update);
        }
    }

    private final int segmentSize;
    /** The segment of the consumer index, or one before it. */
    private volatile Segment headSegment;
    /** The segment of the producer index, or one before it. */
    private volatile Segment tailSegment;

    SegmentedQueue() {
        this(DEFAULT_SEGMENT_SIZE);
    }

    /** @param segmentSize slots per segment; small sizes let tests cross segment boundaries often */
    SegmentedQueue(int segmentSize) {
        if (segmentSize < 1) {
            throw new IllegalArgumentException("segmentSize must be at least 1, was " + segmentSize);
        }
        this.segmentSize = segmentSize;
        Segment first = new Segment(0, segmentSize);
        this.headSegment = first;
        this.tailSegment = first;
    }

    private static Object laItem(Object[] items, int i) {
        return ITEM.getAcquire(items, i);
    }

    private static void soItem(Object[] items, int i, Object e) {
        ITEM.setRelease(items, i, e);
    }

    private static void spItem(Object[] items, int i, Object e) {
        items[i] = e;
    }

    private Segment lvHeadSegment() {
        return headSegment;
    }

    private boolean casHeadSegment(Segment expect, Segment update) {
        return HEAD_SEGMENT.compareAndSet(this, expect, update);
    }

    private Segment lvTailSegment() {
        return tailSegment;
    }

    private boolean casTailSegment(Segment expect, Segment update) {
        return TAIL_SEGMENT.compareAndSet(this, expect, update);
    }

    @Override
    public int offer(Object e) {
        long p = lvProducerIndex();
        for (;;) {
            if (p >= CLOSED_BIT) {
                return CLOSED;
            }
            final Segment s = producerSegment(p);
            if (s != null && casProducerIndex(p, p + 1)) {
                // release: publishes the element to the consumer's acquire load of the slot
                soItem(s.items, (int) (p - s.start), e);
                return OK;
            }
            p = lvProducerIndex();
        }
    }

    @Override
    public Object poll() {
        long c = lvConsumerIndex();
        int waits = 0;
        for (;;) {
            if (c >= DISCARD_BIT) {
                return drainedByDiscard();
            }
            final Segment s = consumerSegment(c);
            if (s != null) {
                final int i = (int) (c - s.start);
                // acquire: pairs with the producer's release store of the element
                final Object e = laItem(s.items, i);
                if (e != null) {
                    if (casConsumerIndex(c, c + 1)) {
                        spItem(s.items, i, null); // plain: the slot is ours alone and never written again
                        return e;
                    }
                    c = lvConsumerIndex();
                    continue;
                }
            }
            // Position c is not published (or its segment is not linked yet). Empty, unless a
            // producer has claimed it. volatile: Dekker with a blocked receiver's re-check.
            final long p = lvProducerIndex();
            if ((p & POSITION_MASK) <= c) {
                return p >= CLOSED_BIT ? DRAINED : EMPTY;
            }
            waits = DependentWait.pause(waits); // claimed by a producer that has not published it yet
            c = lvConsumerIndex();
        }
    }

    /**
     * Takes every position from {@code from} to the closed producer index, in FIFO order: no
     * producer displaces an element here, so this call takes them all.
     */
    @Override
    public void drainDiscarded(long from, Consumer<Object> sink) {
        final long end = lvProducerIndex() & POSITION_MASK; // closed: fixed from now on
        Segment s = lvHeadSegment(); // at or before the segment of the frozen consumer index
        for (long q = from; q < end; q++) {
            while (q >= s.start + segmentSize) {
                final Segment next = s.lvNext(); // linked: producers link a segment before claiming a position in it
                // No consumer claims a position any more, so a drained segment is finished with:
                // move the head past it, or the cancelled channel keeps every segment of its
                // backlog (found in review, 2026-12-06). Forward only, by CAS from s.
                casHeadSegment(s, next);
                s = next;
            }
            final int i = (int) (q - s.start);
            Object e;
            int waits = 0;
            // acquire: a producer that claimed q before the close may still be publishing it
            while ((e = laItem(s.items, i)) == null) {
                waits = DependentWait.pause(waits);
            }
            spItem(s.items, i, null); // plain: the slot is ours alone and never written again
            sink.accept(e);
        }
    }

    /**
     * The segment holding position {@code p}, linking new segments as needed, or null if
     * {@code p} is behind the tail segment (a stale index: its CAS would fail anyway).
     */
    private Segment producerSegment(long p) {
        final Segment from = lvTailSegment();
        if (p < from.start) {
            return null;
        }
        Segment s = from;
        while (p >= s.start + segmentSize) {
            Segment next = s.lvNext();
            if (next == null) {
                next = new Segment(s.start + segmentSize, segmentSize);
                if (!s.casNext(null, next)) {
                    next = s.lvNext(); // another producer linked it first
                }
            }
            s = next;
        }
        if (s != from) {
            casTailSegment(from, s); // forward only; losing means someone moved it
        }
        return s;
    }

    /**
     * The segment holding position {@code c}, or null if it is not linked yet or {@code c} is
     * behind the head segment (stale). Never links a segment.
     */
    private Segment consumerSegment(long c) {
        final Segment from = lvHeadSegment();
        if (c < from.start) {
            return null;
        }
        Segment s = from;
        while (c >= s.start + segmentSize) {
            s = s.lvNext();
            if (s == null) {
                return null;
            }
        }
        if (s != from) {
            // Every position before c has been claimed by a consumer, so the segments before s
            // are finished with; letting go of them gives their memory back.
            casHeadSegment(from, s);
        }
        return s;
    }

    @Override
    public int size() {
        return size(Integer.MAX_VALUE);
    }

    @Override
    public boolean canOffer() {
        return true;
    }
}
