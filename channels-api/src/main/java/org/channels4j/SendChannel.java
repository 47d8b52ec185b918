package org.channels4j;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The sending side of a channel: what a producer needs, and nothing a consumer needs.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Nothing lost, nothing doubled.</b> An element whose {@code send} returned normally,
 *       whose {@code trySend} returned {@code true}, or whose {@link #onSend send clause} was
 *       selected is received exactly once. An element whose send threw, timed out or returned
 *       {@code false} is never received, with one exception: on a channel with a drop policy,
 *       a send whose undelivered-element handler threw rethrows that exception after its own
 *       element was accepted (see <b>Drop policies</b>), so do not retry such a send.</li>
 *   <li><b>FIFO.</b> Elements sent by one thread are received in the order sent. Blocked
 *       senders are served in arrival order: on an unbuffered channel the oldest blocked sender
 *       is always the one a receiver takes. On a buffered channel the oldest is the one served
 *       when room appears: the receive that freed it offers the blocked sender's element for it,
 *       as Go's runtime does, but a sender arriving at that moment may take the room first, as
 *       with a non-fair {@link java.util.concurrent.ArrayBlockingQueue}; the blocked sender is
 *       then woken and tries again itself. (Decision: strict turn-taking would need the buffer
 *       locked.)</li>
 *   <li><b>Close.</b> Once the channel is closed every send, blocked or new, throws
 *       {@link ChannelClosedException}; elements accepted before the close are still delivered.</li>
 *   <li><b>Interrupts.</b> A send that has to block and is interrupted throws
 *       {@link InterruptedException} and its element is never received. A send that completed
 *       before it noticed the interrupt returns normally with the interrupt status still set.
 *       A send that can complete without blocking does so even if the thread is interrupted.
 *       A timed send that has to wait looks at its deadline before the interrupt status: one
 *       whose timeout is already over returns {@code false} on an interrupted thread. A
 *       blocked send woken to try again tries once before it looks at the interrupt or the
 *       deadline, like a send that does not block. In channels-impl a send that a receiver on
 *       a buffered channel is serving when the interrupt or the deadline comes waits for that
 *       receiver's one offer and returns normally if its element went in, so a timed send can
 *       return {@code true} after its timeout (decided 2026-12-07, as for receives).</li>
 *   <li><b>Timeouts</b> start no thread: a timed send parks against its deadline. A timeout of
 *       2<sup>62</sup> ns (about 146 years) or more waits without one.</li>
 *   <li><b>Drop policies.</b> On a channel built with a drop {@link Overflow} policy, a send
 *       that drops an element hands it to the channel's undelivered-element handler, and
 *       whatever that handler throws propagates out of the send after the new element was
 *       accepted ({@link ChannelBuilder#onUndelivered}).</li>
 *   <li><b>Nulls</b> are never elements: every send method throws {@link NullPointerException}
 *       for a {@code null} element.</li>
 * </ul>
 *
 * @param <E> the type of the elements
 */
public interface SendChannel<E> {

    /**
     * Sends an element, blocking while the channel cannot accept it: until a receiver takes it
     * (unbuffered) or until there is room in the buffer (buffered). Never blocks on an unbounded
     * channel.
     *
     * @param e the element
     * @throws ChannelClosedException if the channel is closed before the element is accepted;
     *         its cause is the close cause, if any
     * @throws InterruptedException if interrupted while blocked; the element was not sent
     * @throws NullPointerException if {@code e} is null
     */
    void send(E e) throws InterruptedException;

    /**
     * Sends an element only if that can be done without blocking: a receiver is waiting
     * (unbuffered) or there is room in the buffer.
     *
     * @param e the element
     * @return {@code true} if the element was accepted, {@code false} if it was not (and never
     *         will be received)
     * @throws ChannelClosedException if the channel is closed
     * @throws NullPointerException if {@code e} is null
     */
    boolean trySend(E e);

    /**
     * Sends an element, waiting at most {@code timeout} for the channel to accept it.
     *
     * @param e the element
     * @param timeout how long to wait; zero means do not wait
     * @return {@code true} if the element was accepted, {@code false} on timeout (the element
     *         will never be received)
     * @throws ChannelClosedException if the channel is closed before the element is accepted
     * @throws InterruptedException if interrupted while waiting; the element was not sent
     * @throws NullPointerException if {@code e} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean trySend(E e, Duration timeout) throws InterruptedException;

    /**
     * Closes the channel with no cause. Idempotent: only the first close of a channel returns
     * {@code true}. Blocked senders are woken and throw {@link ChannelClosedException}; blocked
     * receivers first drain whatever is buffered, then are woken and throw it too.
     *
     * @return {@code true} if this call closed the channel, {@code false} if it was already closed
     */
    boolean close();

    /**
     * Closes the channel with a cause, which every {@link ChannelClosedException} thrown by this
     * channel afterwards carries as its {@link Throwable#getCause() cause}. Only the first close
     * fixes the cause.
     *
     * @param cause why the channel was closed, for example the producer's failure
     * @return {@code true} if this call closed the channel, {@code false} if it was already closed
     * @throws NullPointerException if {@code cause} is null; use {@link #close()} for no cause
     */
    boolean close(Throwable cause);

    /**
     * Whether the channel is closed, so that every further send throws.
     *
     * @return {@code true} once the channel has been closed
     */
    boolean isClosedForSend();

    /**
     * A select clause that sends {@code e} on this channel and then runs {@code onSent}.
     * The clause is immutable and may be reused in many selects; it sends {@code e} each time it
     * is selected. If the channel is closed the clause is ready, and selecting it throws
     * {@link ChannelClosedException} out of the select.
     *
     * @param e the element to send
     * @param onSent what the select returns once the element was sent
     * @param <R> the type of the select's result
     * @return the clause
     * @throws NullPointerException if {@code e} or {@code onSent} is null
     */
    <R> SelectClause<R> onSend(E e, Supplier<? extends R> onSent);
}
