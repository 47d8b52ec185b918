package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Consumer;
import org.channels4j.Overflow;

/**
 * A buffered or unbounded channel: an {@link ElementBuffer} for the elements and a
 * {@link WaitQueue} for each side that can block.
 *
 * <h2>Protocol</h2>
 * Elements always travel through the buffer, never around it, so the buffer's FIFO order is
 * the channel's. After a successful offer the sender wakes the oldest waiting receiver, and
 * after a successful poll the receiver wakes the oldest waiting sender; the woken thread
 * retries (see {@link Selection}). A thread about to block registers first and then re-checks
 * the buffer, and the buffer's full/empty verdicts read the other side's index with volatile
 * semantics, so a wake-up can never fall between the check and the park.
 *
 * <h2>Decisions</h2>
 * Woken threads are woken in arrival order, but a thread that arrives while a woken one is
 * getting up may take the element or slot first (as with a non-fair
 * {@code ArrayBlockingQueue}, or crossbeam's array channel): strict handoff to the oldest
 * waiter would need the woken thread to be given the element, which breaks FIFO across
 * producers unless the buffer is locked.
 *
 * <h2>Overflow policies and the handler</h2>
 * The policy is consulted only when an offer finds the buffer full, and the handler only when
 * an element is dropped or discarded, so a {@code BLOCK} channel without a handler runs the
 * same code as before they existed. {@code DROP_LATEST} hands the new element to the handler
 * at the full verdict (its linearization point). {@code DROP_OLDEST} uses
 * {@link RingBuffer#offerDisplacingOldest}, which stores the new element and removes the
 * oldest in one linearizable step; the new element wakes a receiver like any offer, and the
 * handler runs last, so that its exception leaves the send complete. Channels that drop never
 * block a sender, so they keep no sender queue.
 *
 * <h2>Cancel</h2>
 * The buffer's positions are claimed for discarding first (a bit in the consumer index), then
 * the channel is closed (the cancel's linearization point) and every waiter woken, and only
 * then are the claimed elements taken and handed over, so a slow handler delays no one but the
 * canceller. Whoever sees the claim closes the buffer before acting on it, and a close that
 * loses to a cancel makes the claim before it returns, so no receive completes after the
 * cancel, or after a close that reported it, with an element the cancel discards. The claim
 * may be made by several threads; the elements are taken by the cancel that closed the channel,
 * or, after a plain close, by the one cancel that wins {@code discardOwned}.
 *
 * @param <E> the element type
 */
final class BufferChannel<E> extends AbstractChannel<E> {
    private static final VarHandle DISCARD_OWNED = VarHandles.field(MethodHandles.lookup(), "discardOwned", boolean.class);

    private final ElementBuffer buffer;
    private final int capacity;
    /** Receivers waiting for an element. */
    private final WaitQueue receivers = new WaitQueue();
    /** Senders waiting for room; null when unbounded, where sends never wait. */
    private final WaitQueue senders;

    private final Overflow overflow;
    /** The buffer again when the policy is DROP_OLDEST, which needs the ring's displacing offer; else null. */
    private final RingBuffer displacingRing;
    /** Takes elements that were accepted and will never be delivered; null for none. */
    private final Consumer<Object> onUndelivered;
    /** Set by the one cancel that takes the discarded elements. */
    private volatile boolean discardOwned;

    BufferChannel(ElementBuffer buffer, int capacity, Overflow overflow, Consumer<Object> onUndelivered) {
        this.buffer = buffer;
        this.capacity = capacity;
        this.overflow = overflow;
        this.displacingRing = overflow == Overflow.DROP_OLDEST ? (RingBuffer) buffer : null;
        this.onUndelivered = onUndelivered;
        this.senders = capacity == Integer.MAX_VALUE || overflow != Overflow.BLOCK ? null : new WaitQueue();
    }

    private boolean casDiscardOwned(boolean expect, boolean update) {
        return DISCARD_OWNED.compareAndSet(this, expect, update);
    }

    static <E> BufferChannel<E> buffered(int capacity) {
        return new BufferChannel<>(new RingBuffer(capacity), capacity, Overflow.BLOCK, null);
    }

    static <E> BufferChannel<E> unbounded() {
        return new BufferChannel<>(new SegmentedQueue(), Integer.MAX_VALUE, Overflow.BLOCK, null);
    }

    /**
     * A channel from a builder's settings.
     *
     * @param capacity from 1, {@link Integer#MAX_VALUE} for unbounded
     * @param overflow a drop policy only with a bounded capacity
     * @param onUndelivered the handler, or null
     */
    @SuppressWarnings("unchecked")
    static <E> BufferChannel<E> create(int capacity, Overflow overflow, Consumer<? super E> onUndelivered) {
        final ElementBuffer buffer = capacity == Integer.MAX_VALUE
                ? new SegmentedQueue()
                : new RingBuffer(capacity, overflow == Overflow.DROP_OLDEST);
        return new BufferChannel<>(buffer, capacity, overflow, (Consumer<Object>) onUndelivered);
    }

    @Override
    Object receiveAttempt() {
        final Object r = buffer.poll();
        if (r == ElementBuffer.EMPTY) {
            return Clause.NOT_READY;
        }
        if (r == ElementBuffer.DRAINED) {
            return Clause.CLOSED;
        }
        if (senders != null) {
            senders.wakeOne(); // a slot is free: tell the oldest blocked sender
        }
        return r;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return buffer.canPoll();
    }

    @Override
    void registerReceiver(WaitNode node) {
        receivers.append(node);
    }

    @Override
    Object sendAttempt(Object e) {
        switch (buffer.offer(e)) {
            case ElementBuffer.OK:
                receivers.wakeOne(); // an element is there: tell the oldest blocked receiver
                return Clause.SENT;
            case ElementBuffer.FULL:
                return overflow == Overflow.BLOCK ? Clause.NOT_READY : sendDropping(e);
            default:
                return Clause.CLOSED;
        }
    }

    /** A send on a full buffer under a drop policy: never waits. */
    private Object sendDropping(Object e) {
        if (overflow == Overflow.DROP_LATEST) {
            handOver(e); // the buffer was full at the offer's read: the new element is the one dropped
            return Clause.SENT;
        }
        final Object dropped = displacingRing.offerDisplacingOldest(e);
        if (dropped == RingBuffer.REFUSED_CLOSED) {
            return Clause.CLOSED;
        }
        receivers.wakeOne(); // our element is there: tell the oldest blocked receiver
        if (dropped != RingBuffer.NOTHING_DROPPED) {
            handOver(dropped); // last: if the handler throws, the send has fully happened
        }
        return Clause.SENT;
    }

    private void handOver(Object e) {
        if (onUndelivered != null) {
            onUndelivered.accept(e);
        }
    }

    @Override
    boolean sendReady(WaitNode own) {
        return overflow != Overflow.BLOCK || buffer.canOffer(); // a drop policy is always ready
    }

    @Override
    void registerSender(WaitNode node) {
        // Only reached after an offer found the buffer full, which an unbounded buffer never is.
        // Nobody takes the node's element: a woken sender offers it again itself.
        senders.append(node);
    }

    @Override
    long receiveVersion() {
        return buffer.receiveVersion();
    }

    @Override
    long sendVersion() {
        return buffer.sendVersion();
    }

    private WaitQueue queueOf(WaitNode node) {
        return node.sending() ? senders : receivers;
    }

    @Override
    void abandon(WaitNode node) {
        queueOf(node).abandon();
    }

    @Override
    void forwardWake(WaitNode node) {
        queueOf(node).wakeOne();
    }

    @Override
    void closeChannel() {
        buffer.close();
        receivers.wakeAll();
        if (senders != null) {
            senders.wakeAll();
        }
    }

    @Override
    void freezeForCancel() {
        buffer.claimRemainingForDiscard();
    }

    @Override
    void cancelChannel(boolean mayTakeElements) {
        final long from = buffer.claimRemainingForDiscard(); // receivers take nothing more
        closeChannel(); // the cancel's linearization point, unless a close came first
        // Helping closes may have frozen the buffer too; one cancel alone takes the elements.
        if (!mayTakeElements || !casDiscardOwned(false, true)) {
            return; // the cancel that closed the channel, or an earlier one, owns them
        }
        final Throwable[] failure = new Throwable[1];
        buffer.drainDiscarded(from, e -> {
            try {
                handOver(e);
            } catch (Throwable t) { // hand every element over before reporting the first failure
                if (failure[0] == null) {
                    failure[0] = t;
                } else {
                    failure[0].addSuppressed(t);
                }
            }
        });
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (failure[0] != null) {
            throw new UndeclaredThrowableException(failure[0], "onUndelivered threw a checked exception");
        }
    }

    @Override
    public boolean isClosedForSend() {
        return buffer.isClosed();
    }

    @Override
    public boolean isClosedForReceive() {
        return buffer.isDrained();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return buffer.size();
    }

    /**
     * The channel's kind and capacity, as the factory that made it is called: {@code buffered(16)},
     * {@code unbounded}, {@code buffered(16) DROP_LATEST} or {@code conflated}; also the
     * ChannelWait event's name for it. Decision: no state (size,
     * closed) in it, so that one channel has one name in a recording.
     */
    @Override
    public String toString() {
        if (capacity == 1 && overflow == Overflow.DROP_OLDEST) {
            return "conflated";
        }
        final String kind = capacity == Integer.MAX_VALUE ? "unbounded" : "buffered(" + capacity + ")";
        return overflow == Overflow.BLOCK ? kind : kind + " " + overflow;
    }
}
