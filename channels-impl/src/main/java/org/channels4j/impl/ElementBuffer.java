package org.channels4j.impl;

import java.util.function.Consumer;

/**
 * The element storage behind a buffered or unbounded channel: a multi-producer,
 * multi-consumer FIFO that can be closed for offers. Implementations never park; they may
 * wait for another thread's step on a slot (a claimed slot not yet published, a slot being
 * freed, a displacement), spinning and, on a platform thread, then yielding
 * ({@link DependentWait}).
 *
 * <p>Closing is part of the buffer, not of the channel, so that "accepted before the close"
 * and "refused after it" are decided by the same atomic step that claims a slot: an offer that
 * claimed a slot before the close is received, and none is accepted after it.
 */
interface ElementBuffer {
    /** {@link #offer} stored the element. */
    int OK = 0;
    /** {@link #offer} found no room; nothing was stored. */
    int FULL = 1;
    /** {@link #offer} found the buffer closed; nothing was stored. */
    int CLOSED = 2;

    /** {@link #poll} found no element. */
    Object EMPTY = new Marker("EMPTY");
    /** {@link #poll} found the buffer closed and drained. */
    Object DRAINED = new Marker("DRAINED");

    /**
     * Stores {@code e} at the tail if there is room and the buffer is open.
     *
     * @return {@link #OK}, {@link #FULL} or {@link #CLOSED}
     */
    int offer(Object e);

    /**
     * Takes the head element.
     *
     * @return the element, {@link #EMPTY}, or {@link #DRAINED} once closed and empty
     */
    Object poll();

    /** Whether {@link #poll} would find an element, or find the buffer drained. */
    boolean canPoll();

    /** Whether {@link #offer} would find room, or find the buffer closed. */
    boolean canOffer();

    /**
     * Refuses all further offers. Idempotent.
     *
     * @return {@code true} if this call closed the buffer
     */
    boolean close();

    /**
     * The first step of a cancel: claims every position not yet taken, so that no consumer takes
     * another element. The caller then closes the buffer and calls {@link #drainDiscarded}.
     *
     * @return the first claimed position, the same for every call (idempotent)
     */
    long claimRemainingForDiscard();

    /**
     * The last step of a cancel, once the buffer is closed: takes the elements of the positions
     * from {@code from} (returned by {@link #claimRemainingForDiscard}) up to the closed producer
     * index, except those a displacing producer takes, and passes each to {@code sink}, in FIFO
     * order.
     * Waits ({@link DependentWait}) for elements whose producers claimed a position before the
     * close and are still storing them.
     *
     * <p>A {@link SegmentedQueue}, and a {@link RingBuffer} that never displaces, take every
     * position of that range. A ring built to displace the oldest element takes only
     * {@code [max(from, end - capacity), end)}, {@code end} being the closed producer index:
     * each position below those is designated for dropping, and its displacing producer takes
     * the element and returns it from {@link RingBuffer#offerDisplacingOldest}, on its own
     * thread and concurrently with this call. {@link BufferChannel} hands both to the same
     * handler, so the elements this call takes reach it in FIFO order, but those of the whole
     * range reach it in no defined order.
     */
    void drainDiscarded(long from, Consumer<Object> sink);

    /** Whether {@link #close} has taken effect. */
    boolean isClosed();

    /** Whether the buffer is closed and every accepted element has been taken. */
    boolean isDrained();

    /**
     * A number that grows whenever a poll may have become possible: the producer index with
     * its close bit. See {@link Clause#version()}.
     */
    long receiveVersion();

    /** A number that grows whenever an offer may have become possible: consumer index and close. */
    long sendVersion();

    /** Elements claimed by producers and not yet claimed by consumers, a snapshot. */
    int size();
}
