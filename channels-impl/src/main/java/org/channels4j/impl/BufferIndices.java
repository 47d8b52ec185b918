package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** 128 bytes of padding before the producer index: keeps it off the object header's line. */
abstract class PadBeforeProducerIndex {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;
}

/**
 * The producer index: the next position to claim, plus {@link #CLOSED_BIT} once the buffer is
 * closed. Written by producers (CAS) and by close (CAS).
 */
abstract class ProducerIndex extends PadBeforeProducerIndex {
    /** Set in the producer index by close; positions stay far below it. */
    static final long CLOSED_BIT = 1L << 62;
    static final long POSITION_MASK = CLOSED_BIT - 1;

    private static final VarHandle PRODUCER_INDEX = VarHandles.field(MethodHandles.lookup(), "producerIndex", long.class);

    private volatile long producerIndex;

    final long lvProducerIndex() {
        return producerIndex;
    }

    final boolean casProducerIndex(long expect, long update) {
        return PRODUCER_INDEX.compareAndSet(this, expect, update);
    }
}

/** 128 bytes between the two indices, so producers and consumers never share a cache line. */
abstract class PadBetweenIndices extends ProducerIndex {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p30, p31, p32, p33, p34, p35;
}

/**
 * The consumer index: the next position to take, plus {@link #DISCARD_BIT} once a cancel has
 * claimed every remaining position. Written by consumers (CAS) and by cancel (CAS).
 */
abstract class ConsumerIndex extends PadBetweenIndices {
    /**
     * Set in the consumer index by cancel, above the position it froze: every position from there
     * on belongs to the cancel (or to a displacing producer, see {@link RingBuffer}), and no
     * consumer CAS succeeds any more. Below {@link ProducerIndex#CLOSED_BIT}, so that
     * {@code sendVersion} cannot overflow.
     */
    static final long DISCARD_BIT = 1L << 61;

    private static final VarHandle CONSUMER_INDEX = VarHandles.field(MethodHandles.lookup(), "consumerIndex", long.class);

    private volatile long consumerIndex;

    final long lvConsumerIndex() {
        return consumerIndex;
    }

    final boolean casConsumerIndex(long expect, long update) {
        return CONSUMER_INDEX.compareAndSet(this, expect, update);
    }
}

/**
 * The producer and consumer indices of a buffer, with the queries and the close that need
 * nothing but the indices. Each index sits on its own 128-byte region (two cache lines, so
 * that adjacent-line prefetch does not pair them either), laid out by inheritance because the
 * JVM places superclass fields first and {@code @Contended} is ignored without a JVM flag.
 * The buffers extend this class: {@code PadBeforeProducerIndex -> ProducerIndex ->
 * PadBetweenIndices -> ConsumerIndex -> BufferIndices -> buffer}.
 */
abstract class BufferIndices extends ConsumerIndex {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p50, p51, p52, p53, p54, p55;

    /** Whether a poll would find an element, or find the buffer closed and drained. */
    public final boolean canPoll() {
        // volatile reads: a registered receiver's re-check (Dekker with the producer's wake)
        final long c = lvConsumerIndex();
        final long p = lvProducerIndex();
        return (p & POSITION_MASK) > c || p >= CLOSED_BIT || c >= DISCARD_BIT;
    }

    /**
     * Claims every position not yet taken for a cancel, by setting {@link #DISCARD_BIT} in the
     * consumer index. The caller must then {@link #close()} and take the positions from the
     * returned one up to the closed producer index ({@code drainDiscarded}). Consumers that see
     * the bit close the buffer themselves before they report it drained, so the cancel takes
     * effect, for everyone, at the CAS that sets the close bit.
     *
     * @return the first claimed position, whether this call or an earlier one claimed them
     */
    public final long claimRemainingForDiscard() {
        for (;;) {
            final long c = lvConsumerIndex();
            if (c >= DISCARD_BIT) {
                return c - DISCARD_BIT; // frozen: the same answer for every caller
            }
            if (casConsumerIndex(c, c | DISCARD_BIT)) {
                return c;
            }
        }
    }

    /**
     * What a consumer reports once it has seen {@link #DISCARD_BIT}: closed and drained. It
     * closes first, so that nobody can see "drained" while sends still succeed.
     */
    final Object drainedByDiscard() {
        close();
        return ElementBuffer.DRAINED;
    }

    /** Sets the close bit; true if this call set it. */
    public final boolean close() {
        for (;;) {
            final long p = lvProducerIndex();
            if (p >= CLOSED_BIT) {
                return false;
            }
            if (casProducerIndex(p, p | CLOSED_BIT)) {
                return true;
            }
        }
    }

    public final long receiveVersion() {
        return lvProducerIndex(); // grows with every offer; the close bit makes it jump
    }

    public final long sendVersion() {
        return lvConsumerIndex() + (isClosed() ? CLOSED_BIT : 0); // grows with every poll, jumps on close
    }

    public final boolean isClosed() {
        return lvProducerIndex() >= CLOSED_BIT;
    }

    public final boolean isDrained() {
        final long p = lvProducerIndex();
        final long c = lvConsumerIndex();
        if (c >= DISCARD_BIT) {
            close(); // as drainedByDiscard: drained only once sends fail
            return true;
        }
        return p >= CLOSED_BIT && c >= (p & POSITION_MASK);
    }

    /** Claimed positions not yet taken, clamped to {@code [0, max]}: a consistent snapshot. */
    final int size(int max) {
        for (;;) {
            final long before = lvConsumerIndex();
            final long p = lvProducerIndex() & POSITION_MASK;
            final long after = lvConsumerIndex();
            if (after >= DISCARD_BIT) {
                close(); // as drainedByDiscard
                return 0;
            }
            if (before == after) { // the consumer index held still across the read of p
                return (int) Math.max(0, Math.min(max, p - after));
            }
        }
    }
}
