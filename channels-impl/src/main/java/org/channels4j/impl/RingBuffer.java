package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

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
 *       consumer, who then sets {@code 2(p + capacity)}, or for the producer that displaces it,
 *       who sets {@code 2(p + capacity) + 1} (see "Dropping the oldest element").</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * Here {@code c} is the position in the consumer index, without {@link #DISCARD_BIT}, and
 * {@code p} the position in the producer index, without {@link #CLOSED_BIT}. Compared with
 * their bits, the indices break the first invariant: after a cancel the consumer index, bit
 * included, exceeds every position.
 * <ul>
 *   <li>{@code c <= p}, on every ring, before and after a cancel.</li>
 *   <li>{@code p <= c + capacity} on a ring built without {@code displacesOldest}. On a ring
 *       built with it, {@code p} may run ahead by the positions from {@code c} on that are
 *       designated for dropping: {@code p <= c + capacity + d}, where {@code d} counts them.
 *       Before a cancel these are the designated positions that their displacing producers
 *       have not yet taken, since taking one moves {@code c} past it (see "Dropping the oldest
 *       element"). A cancel freezes {@code c}, and the displacing producers then take theirs
 *       without moving it (see "Cancel").</li>
 *   <li>A slot's element is written only by the producer that won the CAS of the producer
 *       index for its position, before that producer's release store of the stamp. It is read
 *       and cleared by the consumer that won the CAS of the consumer index for the position,
 *       after its acquire load of that stamp, or, once a cancel has claimed the remaining
 *       positions, by {@code drainDiscarded} after the same acquire load. On a ring built with
 *       {@code displacesOldest} there is a third reader: the producer that displaces a position
 *       takes it with the consumer CAS (or, once a cancel has set its bit, with none: the
 *       position is its own), reads its element after the same acquire load, and does not
 *       clear the slot but stores its own element over it, as the position it claimed (see
 *       "Dropping the oldest element").</li>
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
 * not be linearizable (JCTools makes the same choice). The window is a plain store of the
 * element and a release store of the stamp (two ordinary stores on x86), and a virtual thread never parks or yields inside it, so the wait is bounded by the
 * claimer's progress; it spins, and a platform thread then yields ({@link DependentWait}), as
 * in every wait in this class for another thread's step.
 *
 * <h2>Layout: a small ring gives every slot its own cache lines</h2>
 * When a consumer keeps up with its producers the buffer is nearly empty, and the two sides
 * work on adjacent positions: a producer stores the element and stamp of position {@code p + 1}
 * while the consumer of {@code p} reads and clears its own, or polls the next stamp. Packed,
 * eight stamps and sixteen element references share a 64-byte line, so each of those steps
 * pulls the line the other side is writing to the other core, several line crossings a
 * message. A ring of capacity 2 to {@value #SPREAD_MAX_CAPACITY} therefore keeps slot
 * {@code k}'s stamp at index {@code 8(k + 1)} and its element at {@code 16(k + 1)}: 64 bytes
 * or more apart, and clear of the array header (its length is read by every bounds check).
 * That costs about 2 KB at capacity 16, and about 1 ns on a send and receive that find no
 * one waiting. Measured in {@code channels-jmh/results/ring-spread}: one virtual producer and
 * consumer at capacity 16, two carriers, in the mode where a cache-line round trip between the
 * cores costs about 500 ns,
 * went from 2.9 to 4.1 messages a µs, every capacity-16 batch cell gained 14-56%. A ring of capacity
 * 1 has one slot, whose stamp and element are best on one line; a larger ring is laid out in
 * order, since spreading it would cost about 11 times the memory (8 times the stamps', 16 times
 * the elements' with compressed references) and the sequential order that the prefetcher
 * follows through a long backlog. The spread is one 64-byte line, not the 128 bytes the
 * indices are padded to ({@link BufferIndices}): adjacent slots may still share a pair of
 * lines that the adjacent-line prefetcher fetches together; that was not aimed at.
 *
 * <h2>Dropping the oldest element ({@link #offerDisplacingOldest})</h2>
 * A ring built with {@code displacesOldest} never refuses an offer for lack of room. A
 * producer that finds position {@code p} full (its slot still holds position
 * {@code q = p - capacity}, and {@code consumerIndex <= q}) claims {@code p} anyway, by the
 * same CAS on the producer index. That CAS <em>designates</em> {@code q} for dropping: the
 * producer index now exceeds {@code q + capacity}, which no ordinary producer can cause, and a
 * consumer at {@code q} that reads the producer index (volatile) and sees this leaves
 * {@code q} alone and spins until it is gone. The displacing producer then takes {@code q}
 * with the ordinary consumer CAS, swaps its own element into the slot (no one else writes it:
 * producers of {@code p} wait for stamp {@code 2p}, consumers of {@code p} see it unpublished
 * and a claimed producer index, and spin) and publishes it with stamp {@code 2p + 1}. The
 * consumer CAS on {@code q} decides who owns the oldest element, so it is received or handed
 * to the handler, never both and never neither: a consumer that read the producer index
 * before the claim may still win {@code q}; the displacing producer then waits for that
 * consumer to free the slot and stores its element like an ordinary producer, dropping
 * nothing.
 *
 * <p>Progress: these are waits on other threads' steps. A displacing producer takes its
 * designated position only once every earlier position was taken, so displacing producers wait
 * on one another in the order of their claims, and a consumer at a designated position waits
 * for its producer. Each waits on a thread that is between two of its own steps and never parks
 * there, and a descheduled one holds up the chain until it runs again; platform threads yield
 * after a brief spin so that it can, virtual threads spin ({@link DependentWait}).
 *
 * <p>Linearization: a displacing offer at its producer-index CAS (so it is refused after a
 * close, like any offer); the drop happens at the same instant. A consumer that wins a
 * designated position is linearized at its read of the producer index, which came before the
 * claim; at the claim the buffer was then not full, and the offer dropped nothing. Receivers
 * never see the buffer empty or short while a displacement is in flight, because they spin on
 * the claimed position. Non-invariant: the producer index may run ahead of
 * {@code consumerIndex + capacity} by the number of displacements in flight; {@link #size()}
 * clamps it.
 *
 * <h2>Cancel</h2>
 * {@link #claimRemainingForDiscard()} sets a bit in the consumer index, freezing it at
 * {@code c}; consumers that see the bit close the buffer and report it drained. After the
 * close fixes the producer index at {@code pf}, positions {@code [c, pf - capacity)} are
 * designated to displacing producers (each still takes its own, seeing the bit, and
 * {@link #offerDisplacingOldest} returns its element as the dropped one), and
 * {@link #drainDiscarded} takes {@code [max(c, pf - capacity), pf)}. The displacing producers
 * and the drain run on their own threads, concurrently, so the elements of {@code [c, pf)} are
 * not taken in FIFO order as a whole.
 */
final class RingBuffer extends BufferIndices implements ElementBuffer {
    /** {@link #offerDisplacingOldest} stored the element and dropped nothing. */
    static final Object NOTHING_DROPPED = new Marker("NOTHING_DROPPED");
    /** {@link #offerDisplacingOldest} found the buffer closed; nothing was stored or dropped. */
    static final Object REFUSED_CLOSED = new Marker("REFUSED_CLOSED");

    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    private final Object[] elements;
    private final long[] stamps;
    private final int capacity;
    /** {@code capacity - 1} when capacity is a power of two, so that indexing needs no division; else -1. */
    private final int mask;
    /** Whether offers may displace the oldest element: consumers then check for designated positions. */
    private final boolean displacesOldest;
    /** Rings of capacity 2 up to this spread their slots one to a cache line (see "Layout"). */
    static final int SPREAD_MAX_CAPACITY = 16;
    /** {@code log2} of the distance in {@code stamps} between slots: 3 (64 bytes) when spread, else 0. */
    private final int stampShift;
    /** The slot number of slot 0: 1 when spread, so that no slot shares the array header's line. */
    private final int firstSlot;
    /** {@code log2} of an element's index over its stamp's: 1 when spread (16 references, 64 bytes or more), else 0. */
    private final int elementShift;

    RingBuffer(int capacity) {
        this(capacity, false);
    }

    /** @param displacesOldest whether {@link #offerDisplacingOldest} may be used (DROP_OLDEST) */
    RingBuffer(int capacity, boolean displacesOldest) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
        this.displacesOldest = displacesOldest;
        final boolean spread = capacity > 1 && capacity <= SPREAD_MAX_CAPACITY;
        this.stampShift = spread ? 3 : 0;
        this.firstSlot = spread ? 1 : 0;
        this.elementShift = spread ? 1 : 0;
        this.stamps = new long[(capacity + firstSlot) << stampShift];
        this.elements = new Object[stamps.length << elementShift];
        for (int k = 0; k < capacity; k++) {
            // plain: published with the final field by the constructor's freeze
            stamps[stampIndex(k)] = 2L * k;
        }
    }

    /** The index in {@code stamps} of slot {@code k}; its element is at this index {@code << elementShift}. */
    private int stampIndex(int k) {
        return (k + firstSlot) << stampShift;
    }

    /** The index in {@code stamps} of the slot of {@code position}. */
    private int slot(long position) {
        return stampIndex(mask >= 0 ? (int) position & mask : (int) (position % capacity));
    }


    private static long laStamp(long[] stamps, int i) {
        return (long) STAMP.getAcquire(stamps, i);
    }

    private static void soStamp(long[] stamps, int i, long stamp) {
        STAMP.setRelease(stamps, i, stamp);
    }

    /**
     * Stores {@code e} as position {@code p} in the slot whose stamp is at index {@code i} of
     * {@code stamps} (its element at {@code i << elementShift}), which the caller owns for
     * {@code p} (it won the claim of {@code p}, and the slot is free or was emptied by it),
     * and publishes it to the consumer of {@code p}.
     */
    private void publish(long[] stamps, int i, long p, Object e) {
        elements[i << elementShift] = e; // plain: published by the release store of the stamp
        // release: publishes the element to the consumer's acquire of the stamp
        soStamp(stamps, i, (p << 1) + 1);
    }

    @Override
    public int offer(Object e) {
        final long[] stamps = this.stamps;
        long p = lvProducerIndex();
        int waits = 0;
        for (;;) {
            if (p >= CLOSED_BIT) {
                return CLOSED;
            }
            final int i = slot(p);
            // acquire: pairs with the consumer's release that freed the slot
            final long stamp = laStamp(stamps, i);
            final long free = p << 1;
            if (stamp == free) {
                if (casProducerIndex(p, p + 1)) {
                    publish(stamps, i, p, e);
                    return OK;
                }
                p = lvProducerIndex();
            } else if (stamp < free) {
                // The slot still belongs to position p - capacity. Full, unless its consumer has
                // claimed it and is about to hand it back. volatile: a blocked sender's re-check
                // must not miss a consumer that has moved on (Dekker with the waiter queue).
                final long c = lvConsumerIndex();
                if (c + capacity <= p) {
                    return FULL;
                }
                if (c >= DISCARD_BIT) {
                    close(); // a cancel is under way: help it close, then report CLOSED
                }
                waits = DependentWait.pause(waits); // the consumer of p - capacity is freeing the slot
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
        int waits = 0;
        for (;;) {
            final int i = slot(c);
            // acquire: pairs with the producer's release, so the element read below is complete
            final long stamp = laStamp(stamps, i);
            final long full = (c << 1) + 1;
            if (stamp == full) {
                // volatile: a displacing producer's claim must be seen, or it would lose its
                // designated position to a consumer that arrived after the claim
                if (displacesOldest && (lvProducerIndex() & POSITION_MASK) > c + capacity) {
                    waits = DependentWait.pause(waits); // position c is being dropped; its producer takes it next
                    c = lvConsumerIndex();
                    continue;
                }
                if (casConsumerIndex(c, c + 1)) {
                    final Object e = elements[i << elementShift];
                    elements[i << elementShift] = null; // plain: let it be collected; ordered by the release below
                    // release: hands the slot to the producer of position c + capacity
                    soStamp(stamps, i, (c + capacity) << 1);
                    return e;
                }
                c = lvConsumerIndex();
            } else if (stamp < full) {
                if (c >= DISCARD_BIT) {
                    return drainedByDiscard();
                }
                // Position c is not published. Empty, unless a producer has claimed it.
                // volatile: a blocked receiver's re-check must not miss a producer (Dekker).
                final long p = lvProducerIndex();
                if ((p & POSITION_MASK) <= c) {
                    return p >= CLOSED_BIT ? DRAINED : EMPTY;
                }
                waits = DependentWait.pause(waits); // claimed by a producer that has not published it yet
                c = lvConsumerIndex();
            } else {
                c = lvConsumerIndex(); // another consumer took position c
            }
        }
    }

    /**
     * Offers {@code e}, dropping the oldest element if the buffer is full (see the class
     * comment). Only on a ring built with {@code displacesOldest}.
     *
     * @return the dropped element, {@link #NOTHING_DROPPED} or {@link #REFUSED_CLOSED}
     */
    Object offerDisplacingOldest(Object e) {
        final long[] stamps = this.stamps;
        long p = lvProducerIndex();
        int waits = 0;
        for (;;) {
            if (p >= CLOSED_BIT) {
                return REFUSED_CLOSED;
            }
            final int i = slot(p);
            // acquire: pairs with the consumer's release that freed the slot
            final long stamp = laStamp(stamps, i);
            final long free = p << 1;
            if (stamp == free) {
                if (casProducerIndex(p, p + 1)) {
                    publish(stamps, i, p, e);
                    return NOTHING_DROPPED;
                }
            } else if (stamp < free) {
                final long c = lvConsumerIndex(); // volatile: tells full from a consumer freeing the slot
                if (c >= DISCARD_BIT) {
                    close(); // a cancel is under way: refuse, as every producer soon will
                } else if (c + capacity > p) {
                    waits = DependentWait.pause(waits); // a consumer took position p - capacity and is freeing it
                } else if (casProducerIndex(p, p + 1)) {
                    return displaceOldest(p, i, e);
                }
            }
            p = lvProducerIndex();
        }
    }

    /**
     * Having claimed position {@code p} on a full buffer, takes its designated position
     * {@code q = p - capacity} unless a consumer got there first, and stores {@code e} in the slot
     * whose stamp is at index {@code i} of {@code stamps} (q's slot as well as p's).
     */
    private Object displaceOldest(long p, int i, Object e) {
        final long[] stamps = this.stamps;
        final long q = p - capacity;
        final long published = (q << 1) + 1;
        boolean ownsOldest;
        int waits = 0;
        for (;;) {
            final long c = lvConsumerIndex();
            if (c >= DISCARD_BIT) {
                // A cancel froze the index at c - DISCARD_BIT; positions from there below the
                // closed producer index minus capacity are left to their displacing producers.
                ownsOldest = c - DISCARD_BIT <= q;
                break;
            }
            if (c > q) {
                ownsOldest = false; // a consumer that read the producer index before our claim took q
                break;
            }
            // acquire: the element of q must be published before we take it
            if (c == q && laStamp(stamps, i) == published && casConsumerIndex(q, q + 1)) {
                ownsOldest = true;
                break;
            }
            // earlier positions are still being taken (by consumers, or by the displacing
            // producers before us), or q is not yet published
            waits = DependentWait.pause(waits);
        }
        if (ownsOldest) {
            // acquire: after a cancel's bit the producer of q may still be publishing it
            for (int w = 0; laStamp(stamps, i) != published; ) {
                w = DependentWait.pause(w);
            }
            final Object dropped = elements[i << elementShift]; // plain: ordered after the acquire of the stamp above
            publish(stamps, i, p, e); // our element, as position p
            return dropped;
        }
        // acquire: pairs with the release by which q's consumer hands the slot to position p
        for (int w = 0; laStamp(stamps, i) != p << 1; ) {
            w = DependentWait.pause(w);
        }
        publish(stamps, i, p, e);
        return NOTHING_DROPPED;
    }

    /**
     * Takes positions {@code [max(from, end - capacity), end)}, {@code end} being the closed
     * producer index, in FIFO order. The positions below those, from {@code from} on, are
     * designated for dropping: their displacing producers take them, not this call (see
     * "Cancel"). On a ring that never displaces, {@code end - capacity <= from}, and this call
     * takes every position from {@code from} on.
     */
    @Override
    public void drainDiscarded(long from, Consumer<Object> sink) {
        final long[] stamps = this.stamps;
        final long end = lvProducerIndex() & POSITION_MASK; // closed: fixed from now on
        for (long q = Math.max(from, end - capacity); q < end; q++) {
            final int i = slot(q);
            // acquire: a producer that claimed q before the close may still be publishing it
            int waits = 0;
            while (laStamp(stamps, i) != (q << 1) + 1) {
                waits = DependentWait.pause(waits);
            }
            final Object e = elements[i << elementShift];
            elements[i << elementShift] = null; // plain: ordered by the release below
            // release: hands the slot on, as a poll does, so that the invariants hold after a cancel
            soStamp(stamps, i, (q + capacity) << 1);
            sink.accept(e);
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
