package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded, lock-free, multi-producer multi-consumer ring of any capacity from 1 up.
 *
 * <h2>Algorithm</h2>
 * Dmitry Vyukov's bounded MPMC queue ("Bounded MPMC queue", 1024cores.net), as used by
 * crossbeam's array channel and JCTools' {@code MpmcArrayQueue}. Each slot carries a stamp
 * that says whose turn the slot is, so producers and consumers coordinate through the slot
 * they claim and never through each other's index except to tell "full" from "busy".
 *
 * <p>Positions {@code p} count up forever (a long does not wrap in practice); position
 * {@code p} lives in slot {@code p % capacity}. Stamps are doubled positions so that "free for
 * position p" and "holds position p" can never be confused, even at capacity 1, where Vyukov's
 * original stamps {@code p} and {@code p + 1} would collide:
 * <ul>
 *   <li>{@code stamp == 2p}: free, waiting for the producer of position {@code p};</li>
 *   <li>{@code stamp == 2p + 1}: holds the element of position {@code p}, waiting for its
 *       consumer, who then sets {@code 2(p + capacity)}.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code consumerIndex <= position(producerIndex) <= consumerIndex + capacity}.</li>
 *   <li>A slot's element is written only by the producer that won the CAS for its position,
 *       before that producer's release store of the stamp; it is read and cleared only by the
 *       consumer that won the CAS for the position, after its acquire load of that stamp.</li>
 *   <li>Once {@link #CLOSED_BIT} is set in {@code producerIndex} no CAS on it succeeds, so no
 *       position is claimed after the close.</li>
 * </ul>
 *
 * <h2>Linearization points</h2>
 * A successful offer at the CAS of {@code producerIndex}; a successful poll at the CAS of
 * {@code consumerIndex}; {@code FULL} and {@code EMPTY} at the volatile read of the other
 * side's index that proved them; close at the CAS that sets {@link #CLOSED_BIT}.
 *
 * <h2>Non-invariants and trade-offs</h2>
 * Between a producer's CAS and its stamp store the slot is claimed but not readable. A
 * consumer that meets such a slot spins until it is published instead of reporting the
 * channel empty, because reporting empty while a later position was already published would
 * not be linearizable (JCTools makes the same choice). The window is two plain instructions
 * and a virtual thread never parks inside it, so the spin is bounded by the claimer's progress.
 * Adjacent stamps share cache lines; padding them would cost 16 times the memory.
 */
final class RingBuffer extends BufferIndices implements ElementBuffer {
    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    private final Object[] elements;
    private final long[] stamps;
    private final int capacity;
    /** {@code capacity - 1} when capacity is a power of two, so that indexing needs no division; else -1. */
    private final int mask;

    RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
        this.elements = new Object[capacity];
        this.stamps = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            stamps[i] = 2L * i; // plain: published with the final field by the constructor's freeze
        }
    }

    private int slot(long position) {
        return mask >= 0 ? (int) position & mask : (int) (position % capacity);
    }

    @Override
    public int offer(Object e) {
        final long[] stamps = this.stamps;
        long p = lvProducerIndex();
        for (;;) {
            if (p >= CLOSED_BIT) {
                return CLOSED;
            }
            final int i = slot(p);
            // acquire: pairs with the consumer's release that freed the slot
            final long stamp = (long) STAMP.getAcquire(stamps, i);
            final long free = p << 1;
            if (stamp == free) {
                if (casProducerIndex(p, p + 1)) {
                    elements[i] = e; // plain: published by the release store of the stamp
                    // release: publishes the element to the consumer's acquire of the stamp
                    STAMP.setRelease(stamps, i, free + 1);
                    return OK;
                }
                p = lvProducerIndex();
            } else if (stamp < free) {
                // The slot still belongs to position p - capacity. Full, unless its consumer has
                // claimed it and is about to hand it back. volatile: a blocked sender's re-check
                // must not miss a consumer that has moved on (Dekker with the waiter queue).
                if (lvConsumerIndex() + capacity <= p) {
                    return FULL;
                }
                Thread.onSpinWait();
                p = lvProducerIndex();
            } else {
                p = lvProducerIndex(); // another producer took position p
            }
        }
    }

    @Override
    public Object poll() {
        final long[] stamps = this.stamps;
        long c = lvConsumerIndex();
        for (;;) {
            final int i = slot(c);
            // acquire: pairs with the producer's release, so the element read below is complete
            final long stamp = (long) STAMP.getAcquire(stamps, i);
            final long full = (c << 1) + 1;
            if (stamp == full) {
                if (casConsumerIndex(c, c + 1)) {
                    final Object e = elements[i];
                    elements[i] = null; // plain: let it be collected; ordered by the release below
                    // release: hands the slot to the producer of position c + capacity
                    STAMP.setRelease(stamps, i, (c + capacity) << 1);
                    return e;
                }
                c = lvConsumerIndex();
            } else if (stamp < full) {
                // Position c is not published. Empty, unless a producer has claimed it.
                // volatile: a blocked receiver's re-check must not miss a producer (Dekker).
                final long p = lvProducerIndex();
                if ((p & POSITION_MASK) <= c) {
                    return p >= CLOSED_BIT ? DRAINED : EMPTY;
                }
                Thread.onSpinWait();
                c = lvConsumerIndex();
            } else {
                c = lvConsumerIndex(); // another consumer took position c
            }
        }
    }

    @Override
    public int size() {
        return size(capacity);
    }

    @Override
    public boolean canOffer() {
        final long p = lvProducerIndex();
        return p >= CLOSED_BIT || lvConsumerIndex() + capacity > p;
    }
}
