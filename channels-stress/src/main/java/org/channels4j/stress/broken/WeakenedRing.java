package org.channels4j.stress.broken;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A copy of the Vyukov ring in {@code org.channels4j.impl.RingBuffer} (doubled stamps, any
 * capacity, no close) with one chosen flaw planted. Without a flaw it is the real algorithm;
 * each {@link Flaw} breaks exactly one step.
 */
final class WeakenedRing {
    static final int OK = 0;
    static final int FULL = 1;
    /** {@link #offer} gave up: a flaw left the indices in a state it cannot make progress from. */
    static final int STUCK_OFFER = 3;
    static final Object EMPTY = new Object();
    /** {@link #poll} gave up, as {@link #STUCK_OFFER}. */
    static final Object STUCK = new Object();
    /** Loop iterations before an operation gives up: a broken ring must fail, not hang the test. */
    private static final int GIVE_UP = 1 << 16;

    /** The planted flaws. */
    enum Flaw {
        /**
         * The producer stores the stamp (plainly) before it writes the element, so a consumer
         * can see "published" and read the slot before the element is there. On x86 the
         * hardware keeps plain stores in order, so a weakened ordering alone (a plain store
         * after the element write) would rarely show; publishing first shows on any CPU.
         */
        STAMP_BEFORE_ELEMENT,
        /**
         * The consumer takes its position the single-consumer way (as an MPSC ring does): it
         * reads the element and then stores the next consumer index, with no CAS to claim the
         * position. Two consumers that read the same index both take its element.
         */
        CONSUMER_CLAIM_WITHOUT_CAS
    }

    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    private final Flaw flaw;
    private final Object[] elements;
    private final long[] stamps;
    private final int capacity;
    private final AtomicLong producerIndex = new AtomicLong();
    private final AtomicLong consumerIndex = new AtomicLong();

    WeakenedRing(int capacity, Flaw flaw) {
        this.flaw = flaw;
        this.capacity = capacity;
        this.elements = new Object[capacity];
        this.stamps = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            stamps[i] = 2L * i;
        }
    }

    int offer(Object e) {
        long p = producerIndex.get();
        for (int spins = 0; spins < GIVE_UP; spins++) {
            final int i = (int) (p % capacity);
            final long stamp = (long) STAMP.getAcquire(stamps, i);
            final long free = p << 1;
            if (stamp == free) {
                if (producerIndex.compareAndSet(p, p + 1)) {
                    if (flaw == Flaw.STAMP_BEFORE_ELEMENT) {
                        stamps[i] = free + 1; // FLAW: published before the element exists
                        elements[i] = e;
                    } else {
                        elements[i] = e;
                        STAMP.setRelease(stamps, i, free + 1);
                    }
                    return OK;
                }
                p = producerIndex.get();
            } else if (stamp < free) {
                if (consumerIndex.get() + capacity <= p) {
                    return FULL;
                }
                Thread.onSpinWait();
                p = producerIndex.get();
            } else {
                p = producerIndex.get();
            }
        }
        return STUCK_OFFER;
    }

    Object poll() {
        long c = consumerIndex.get();
        for (int spins = 0; spins < GIVE_UP; spins++) {
            final int i = (int) (c % capacity);
            final long stamp = (long) STAMP.getAcquire(stamps, i);
            final long full = (c << 1) + 1;
            if (stamp == full) {
                if (flaw == Flaw.CONSUMER_CLAIM_WITHOUT_CAS) {
                    final Object e = elements[i];
                    consumerIndex.set(c + 1); // FLAW: not claimed; another consumer may hold the same c
                    elements[i] = null;
                    STAMP.setRelease(stamps, i, (c + capacity) << 1);
                    return e;
                }
                if (consumerIndex.compareAndSet(c, c + 1)) {
                    final Object e = elements[i];
                    elements[i] = null;
                    STAMP.setRelease(stamps, i, (c + capacity) << 1);
                    return e;
                }
                c = consumerIndex.get();
            } else if (stamp < full) {
                if (producerIndex.get() <= c) {
                    return EMPTY;
                }
                Thread.onSpinWait();
                c = consumerIndex.get();
            } else {
                c = consumerIndex.get();
            }
        }
        return STUCK;
    }
}
