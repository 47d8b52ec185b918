package org.channels4j;

/**
 * A channel: both sides of one conduit between threads, created by {@link Channels}.
 *
 * <p>Three kinds, told apart by {@link #capacity()}:
 * <ul>
 *   <li><b>Unbuffered</b> ({@code 0}): a send completes only when a receiver takes the element,
 *       which is handed over directly.</li>
 *   <li><b>Buffered</b> ({@code n}): a send completes once the element is in the buffer, and
 *       blocks while the buffer is full.</li>
 *   <li><b>Unbounded</b> ({@link Integer#MAX_VALUE}): a send never blocks.</li>
 * </ul>
 *
 * <p>Every operation is linearizable: it takes effect atomically at one instant between its
 * call and its return. Blocking operations park the calling thread, so channels are cheap to
 * use from virtual threads: they never pin a carrier and never hold a monitor.
 *
 * @param <E> the type of the elements
 */
public interface Channel<E> extends SendChannel<E>, ReceiveChannel<E> {

    /**
     * The capacity fixed when the channel was created.
     *
     * @return {@code 0} for unbuffered, {@code n} for buffered, {@link Integer#MAX_VALUE} for
     *         unbounded
     */
    int capacity();

    /**
     * The number of buffered elements now: a snapshot that may be stale by the time it returns.
     * Always {@code 0} for an unbuffered channel, which has no buffer.
     *
     * @return buffered elements, between {@code 0} and {@link #capacity()}
     */
    int size();
}
