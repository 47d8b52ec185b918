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
 * the channel's. After a successful offer the sender serves the oldest waiting receiver, and
 * after a successful poll the receiver serves the oldest waiting sender. A waiter with a single
 * node (a plain operation, or a select with one channel clause) is served by finishing its
 * operation for it, as Go's runtime does: the completer
 * holds it ({@link Waiter#tryHold}: no longer cancellable, not yet decided), polls the buffer
 * for a receiver or offers a sender's element, and then decides it ({@link Waiter#release}):
 * the element, sent, or {@link Waiter#WOKEN} ("try again yourself") if a thread not waiting
 * then took the element or the slot in between, or the channel closed (or if the offer or
 * poll threw, which only a VM error can: see {@code serveReceiver}). Each element served
 * to a receiver frees a slot and each element offered for a sender adds one, so serving goes
 * on from side to side while both have waiters. A node of a select over several channels is
 * only woken, and its select retries (see {@link Selection}). A plain receive that found a
 * bounded, blocking buffer empty while no other receiver waits polls its indices briefly
 * before it registers at all ({@code Selection.pollBeforeRegistering}): an element that
 * arrives meanwhile it takes with a plain poll, and the sender, finding no waiter, serves
 * nobody. A thread about to block registers first and then re-checks the
 * buffer, and the buffer's full/empty verdicts read the other side's index with volatile
 * semantics, so a wake-up can never fall between the check and the park.
 *
 * <h2>Decisions</h2>
 * Waiters are served in arrival order, but a thread that arrives while a waiter is being
 * served may take the element or slot first (as with a non-fair {@code ArrayBlockingQueue},
 * or crossbeam's array channel); the waiter is then woken to try again. Likewise two partners
 * serving at once: each holds the oldest waiter not already held, in arrival order, but their
 * polls (offers) may land in either order, so if the one holding the older waiter is
 * descheduled between its hold and its poll, the younger waiter gets the older element (the
 * younger sender's element enters the buffer first). Each waiter is still served, and one
 * sender's elements keep their order. Found in review (2026-12-07) and left so: the two
 * receives are concurrent, and ordering the polls by the holds would serialise the servers.
 * Strict handoff to the oldest waiter would need the buffer locked, or Go's lock.
 *
 * <p>Decided 2026-12-03, for speed (issue 9): until then every waiter was only woken and
 * retried, so with a small buffer every element cost a park and an unpark on each side, the
 * woken thread having to run before the other side could go on. Capacity 1, one producer,
 * virtual threads, 2 carriers: about 0.28 msg/µs against jox's 0.84–1.0; served, the
 * consumer drains the element it moved in for the producer without waiting for the producer
 * to run ({@code channels-jmh/results/buffered-serve/}). The price is one wait that depends
 * on another thread's progress: a held waiter that stops waiting (a timeout, an interrupt, or
 * its own re-check finding the channel ready) must wait for the completer's one offer or poll
 * before it knows whether it was served ({@link Waiter#decidedOutcome}); that offer or poll
 * may itself wait for a third thread in the middle of its own ({@link RingBuffer}). So may the
 * completer: a send that serves a receiver polls for it, and a poll that meets a position
 * claimed by another producer and not yet published waits for that producer's store, so even
 * a send on an unbounded channel, which never waits for space, can wait for a producer that
 * was descheduled between its claim and its store (found in review, 2026-12-06, and left as it
 * is: giving the held receiver {@link Waiter#WOKEN} there instead would make it re-register
 * behind a position that is about to be filled); a receive that serves a sender offers for it,
 * and on a bounded ring can wait for a consumer that claimed the slot's previous element and has
 * not yet freed it. A virtual thread does not leave its carrier in such a window, so these
 * waits never wait for the virtual-thread scheduler, only for the operating system to run a
 * thread or carrier it descheduled ({@link DependentWait}, which lists every such wait). A caller
 * serves at most {@link #MAX_SERVE_ROUNDS} rounds for others before it returns.
 *
 * <h2>Overflow policies and the handler</h2>
 * The policy is consulted only when an offer finds the buffer full, and the handler only when
 * an element is dropped or discarded, so a {@code BLOCK} channel without a handler runs the
 * same code as before they existed. {@code DROP_LATEST} hands the new element to the handler
 * at the full verdict (its linearization point). {@code DROP_OLDEST} uses
 * {@link RingBuffer#offerDisplacingOldest}, which stores the new element and removes the
 * oldest in one linearizable step; the new element serves a receiver like any offer, and the
 * handler runs last, so that its exception leaves the send complete. Channels that drop never
 * block a sender, so they keep no sender queue.
 *
 * <h2>Cancel</h2>
 * The buffer's positions are claimed for discarding first (a bit in the consumer index), then
 * the channel is closed (the cancel's linearization point) and every waiter woken, and only
 * then are the claimed elements taken and handed over, so a slow handler delays no one but the
 * canceller. Whoever sees the claim closes the buffer before acting on it (but a displacing
 * producer of {@code DROP_OLDEST} that meets it takes the position its claim designated and
 * hands that element over without closing: that drop was linearized at its claim, before the
 * cancel), and a close that loses to a cancel makes the claim before it returns, so no receive completes after the
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
            slotFreed();
        }
        return r;
    }

    /**
     * Only on a bounded buffer whose senders block, and only while no receiver waits here.
     * Decided 2026-12-04:
     * <ul>
     *   <li>Not on an unbounded channel: with one producer the batch fell from 14.9 (9.91–18.1)
     *       to 6.39 (4.95–8.83) msg/µs with the poll, 3 forks each, far mode, while no bounded
     *       cell fell beyond its spread ({@code channels-jmh/results/recv-poll/}). A producer
     *       that never waits runs far ahead, and a receiver that catches up and then polls its
     *       index at every element slows each of its writes. Channels with a drop policy never
     *       block a sender either, so they do not poll, by the same reasoning (not measured).</li>
     *   <li>Not behind a waiting receiver: a receiver polling the index the next offer
     *       publishes would nearly always take that element before the sender serves the
     *       receiver already waiting, which would then be woken, leave, and register again at
     *       the back. Arrival order among blocked receivers would yield to whoever polls.</li>
     * </ul>
     */
    @Override
    boolean pollsBeforeRegistering() {
        return senders != null && receivers.firstLive() == null;
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
                elementAdded();
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
        try {
            elementAdded();
        } catch (Throwable t) { // a VM error while serving: the displaced element is still handed over
            if (dropped != RingBuffer.NOTHING_DROPPED) {
                try {
                    handOver(dropped);
                } catch (Throwable h) {
                    t.addSuppressed(h);
                }
            }
            throw t;
        }
        if (dropped != RingBuffer.NOTHING_DROPPED) {
            handOver(dropped); // last: if the handler throws, the send has fully happened
        }
        return Clause.SENT;
    }

    /**
     * Rounds of serving one caller does for other threads ({@link #elementAdded}): each round
     * moves one element from a waiting sender to a waiting receiver, and while threads keep
     * blocking on both sides there could be no end to them. After these, the last change is
     * announced the old way, by a wake-up its waiter acts on itself.
     */
    private static final int MAX_SERVE_ROUNDS = 8;

    /**
     * An offer added an element: serve the oldest waiting receiver ({@link #serveReceiver});
     * while that freed a slot and a waiting sender's element moved into it, serve the next.
     */
    private void elementAdded() {
        for (int round = 0; round < MAX_SERVE_ROUNDS; round++) {
            if (!serveReceiver() || senders == null || !serveSender()) {
                return;
            }
        }
        receivers.wakeOne(); // the last round added an element: tell a receiver, and stop here
    }

    /** A poll freed a slot: the mirror of {@link #elementAdded}. */
    private void slotFreed() {
        for (int round = 0; round < MAX_SERVE_ROUNDS; round++) {
            if (!serveSender() || !serveReceiver()) {
                return;
            }
        }
        senders.wakeOne(); // the last round freed a slot: tell a sender, and stop here
    }

    /**
     * Completes the oldest waiting receiver, if its waiter has no other node, by polling the
     * buffer for it: it holds the receiver ({@link Waiter#tryHold}), polls, and gives it the
     * element ({@link Waiter#release}), or {@link Waiter#WOKEN} if another thread took the last
     * element first or the channel is drained. A node of a select over several channels is
     * woken instead, to look for itself.
     *
     * @return whether it took an element out of the buffer, freeing a slot
     */
    private boolean serveReceiver() {
        Waiter w;
        ThreadRecord owner;
        do {
            if ((w = oldestToServe(receivers)) == null) {
                return false;
            }
        } while ((owner = w.tryHold()) == null); // it finished some other way: the next one
        final Object e;
        try {
            e = buffer.poll();
        } catch (Throwable t) {
            // Best effort against a VM error (a StackOverflowError, say; the buffer calls no
            // user code): a throw before the buffer's claiming CAS leaves the waiter to retry
            // instead of held for ever. A throw between that CAS and the slot's publication
            // leaves the buffer itself unusable, as it would in a plain send or receive, and a
            // release that overflows too cannot be helped.
            w.release(owner, Waiter.WOKEN);
            throw t;
        }
        if (e == ElementBuffer.EMPTY || e == ElementBuffer.DRAINED) {
            w.release(owner, Waiter.WOKEN);
            return false;
        }
        w.release(owner, e); // the receive's linearization point was the poll
        receivers.firstLive(); // drop it from the front, as a match does: its owner will not
        return true;
    }

    /**
     * Completes the oldest waiting sender, if its waiter has no other node, by offering its element
     * for it: the mirror of {@link #serveReceiver}. If the offer finds the buffer full again (a
     * sender that did not wait took the slot) or closed, the sender is woken to try itself.
     *
     * @return whether it added the sender's element to the buffer
     */
    private boolean serveSender() {
        Waiter w;
        ThreadRecord owner;
        do {
            if ((w = oldestToServe(senders)) == null) {
                return false;
            }
        } while ((owner = w.tryHold()) == null); // it finished some other way: the next one
        // the owner clears its item only once the outcome is decided, which is ours to do
        final int r;
        try {
            r = buffer.offer(w.item);
        } catch (Throwable t) { // best effort against a VM error, as in serveReceiver
            w.release(owner, Waiter.WOKEN);
            throw t;
        }
        if (r == ElementBuffer.OK) {
            w.release(owner, Waiter.SENT); // the send's linearization point was the offer
            senders.firstLive();
            return true;
        }
        w.release(owner, Waiter.WOKEN);
        return false;
    }

    /**
     * The oldest live waiter of {@code queue}, to hold ({@link Waiter#tryHold}), if its waiter
     * has no other node; null if nobody waits, or if the oldest was a node of a select over
     * several channels, which is woken instead, to look for itself.
     */
    private static Waiter oldestToServe(WaitQueue queue) {
        for (;;) {
            final WaitNode n = queue.firstLive();
            if (n == null) {
                return null;
            }
            if (!n.isAlone()) {
                if (n.tryWake()) {
                    return null;
                }
                continue;
            }
            return n.owner(); // n itself: a waiter with one node is that node
        }
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
        // A receive that frees a slot offers the node's element for it (serveSender).
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

    /**
     * Passes on a wake-up that a select's {@code node} was given and did not use, only if what
     * it announced is still there: an element for a receiving node, a free slot for a sending
     * one (or the channel closed). A select that took the element or the slot itself, through
     * another clause on this channel, or lost it to a thread that was not waiting, would
     * otherwise wake the oldest waiter for nothing, and that waiter would register again behind
     * younger ones ({@code SelectForwardedWakeTest}; found in review, 2026-12-07). Skipping it
     * loses no wake-up: {@code node} is dead, so every offer or poll whose index step comes
     * after this read serves the next waiter itself ({@link #elementAdded}, {@link #slotFreed}).
     */
    @Override
    void forwardWake(WaitNode node) {
        if (node.sending() ? buffer.canOffer() : buffer.canPoll()) {
            queueOf(node).wakeOne();
        }
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
