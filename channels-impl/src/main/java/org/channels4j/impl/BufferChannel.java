package org.channels4j.impl;

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
 * @param <E> the element type
 */
final class BufferChannel<E> extends AbstractChannel<E> {
    private final ElementBuffer buffer;
    private final int capacity;
    /** Receivers waiting for an element. */
    private final WaitQueue receivers = new WaitQueue();
    /** Senders waiting for room; null when unbounded, where sends never wait. */
    private final WaitQueue senders;

    private BufferChannel(ElementBuffer buffer, int capacity, WaitQueue senders) {
        this.buffer = buffer;
        this.capacity = capacity;
        this.senders = senders;
    }

    static <E> BufferChannel<E> buffered(int capacity) {
        return new BufferChannel<>(new RingBuffer(capacity), capacity, new WaitQueue());
    }

    static <E> BufferChannel<E> unbounded() {
        return new BufferChannel<>(new SegmentedQueue(), Integer.MAX_VALUE, null);
    }

    /** An unbounded channel with small segments, so that tests cross segment boundaries often. */
    static <E> BufferChannel<E> unbounded(int segmentSize) {
        return new BufferChannel<>(new SegmentedQueue(segmentSize), Integer.MAX_VALUE, null);
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
                return Clause.NOT_READY;
            default:
                return Clause.CLOSED;
        }
    }

    @Override
    boolean sendReady(WaitNode own) {
        return buffer.canOffer();
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
        return node.sending ? senders : receivers;
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

    /** Waiting receivers and senders still linked: for tests of the clean-up. */
    int linkedWaiters() {
        return receivers.countLinked() + (senders == null ? 0 : senders.countLinked());
    }

    /**
     * The channel's kind and capacity, as the factory that made it is called: {@code buffered(16)}
     * or {@code unbounded}; also the ChannelWait event's name for it. Decision: no state (size,
     * closed) in it, so that one channel has one name in a recording.
     */
    @Override
    public String toString() {
        return capacity == Integer.MAX_VALUE ? "unbounded" : "buffered(" + capacity + ")";
    }
}
