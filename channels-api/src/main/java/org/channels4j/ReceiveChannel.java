package org.channels4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The receiving side of a channel.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exactly once.</b> Each accepted element is received by exactly one receive,
 *       {@code tryReceive}, iterator step or selected receive clause.</li>
 *   <li><b>FIFO.</b> Elements sent by one thread are received in the order sent. Blocked
 *       receivers are served in arrival order, with the same caveat for buffered channels as
 *       for senders (see {@link SendChannel}): the send that adds an element polls for the
 *       oldest blocked receiver, but a receiver arriving just then may take the element first;
 *       the blocked receiver is then woken and tries again itself.</li>
 *   <li><b>Close.</b> After the channel is closed, receivers still get every element accepted
 *       before the close; after that, {@code receive} and {@code tryReceive} throw
 *       {@link ChannelClosedException} (carrying the close cause, if any) and iteration ends.
 *       A receiver blocked on an empty channel is woken by the close.</li>
 *   <li><b>Interrupts.</b> A receive that has to block and is interrupted throws
 *       {@link InterruptedException} and takes nothing. A receive that completed before it
 *       noticed the interrupt returns its element with the interrupt status still set. A
 *       receive that can complete without blocking does so even if the thread is
 *       interrupted. A timed receive that has to wait looks at its deadline before the
 *       interrupt status: one whose timeout is already over returns {@code null} on an
 *       interrupted thread (where {@code BlockingQueue.poll} would throw). A blocked receive
 *       woken to try again (a partner that found nothing left for it, a close) tries once
 *       before it looks at the interrupt or the deadline, like a receive that does not block:
 *       an element it finds is returned, the status still set. In channels-impl a receive
 *       that a sender on a buffered channel is serving when the interrupt or the deadline
 *       comes waits for that sender's one poll and returns the element if it was served, so
 *       a timed receive can return after its timeout, with an element (decided 2026-12-07:
 *       the served element cannot be given back; {@code HeldWaitInterruptTest}).</li>
 *   <li><b>Timeouts</b> start no thread: a timed receive parks against its deadline. A timeout
 *       of 2<sup>62</sup> ns (about 146 years) or more waits without one.</li>
 * </ul>
 *
 * @param <E> the type of the elements
 */
public interface ReceiveChannel<E> extends Iterable<E> {

    /**
     * Receives the next element, blocking until there is one.
     *
     * @return the element, never null
     * @throws ChannelClosedException if the channel is closed and drained
     * @throws InterruptedException if interrupted while blocked; nothing was taken
     */
    E receive() throws InterruptedException;

    /**
     * Receives the next element if one can be taken without blocking.
     *
     * @return the element, or {@code null} if none is available now
     * @throws ChannelClosedException if the channel is closed and drained
     */
    E tryReceive();

    /**
     * Receives the next element, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait; zero means do not wait
     * @return the element, or {@code null} on timeout
     * @throws ChannelClosedException if the channel is closed and drained
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    E tryReceive(Duration timeout) throws InterruptedException;

    /**
     * Whether the channel is closed and drained, so that every further receive throws.
     *
     * @return {@code true} once closed and empty
     */
    boolean isClosedForReceive();

    /**
     * Stops the channel and discards what it holds: closes it (exactly as
     * {@link SendChannel#close()}, idempotent with it; the first close or cancel fixes the
     * cause), then removes every buffered element and hands each to the channel's
     * {@link ChannelBuilder#onUndelivered onUndelivered} handler, if it has one, on this thread.
     * Blocked and later senders throw {@link ChannelClosedException}; receivers get nothing
     * further: they see the channel closed and drained. Cancelling a channel that was closed
     * earlier discards what is still buffered. An unbuffered channel holds nothing, so there
     * cancelling is closing.
     *
     * <p>The whole cancel takes effect at one instant: no receive completes after it with an
     * element it discarded. If several threads cancel at once, one of them discards the
     * elements and the others may return before it has finished handing them over.
     *
     * @return {@code true} if this call closed the channel
     * @throws UnsupportedOperationException for the channels of {@link Channels#after},
     *         {@link Channels#tick} and {@link Channels#never()}, which belong to no sender,
     *         hold no element and are never closed, and for a {@link Context#done()} channel,
     *         which only its context closes ({@link Context#cancel()})
     * @throws RuntimeException whatever the handler threw, after the cancel took full effect
     */
    boolean cancel();

    /**
     * {@link #cancel()} with a cause: as {@link SendChannel#close(Throwable)}, the cause is what
     * receivers and senders see, unless the channel was already closed.
     *
     * @param cause the reason, not null
     * @return {@code true} if this call closed the channel
     * @throws NullPointerException if {@code cause} is null, on every channel (checked before
     *         the {@code UnsupportedOperationException} below)
     * @throws UnsupportedOperationException as {@link #cancel()}
     * @throws RuntimeException whatever the handler threw, after the cancel took full effect
     */
    boolean cancel(Throwable cause);

    /**
     * A select clause that receives an element and makes it the select's result. Selecting it
     * on a closed, drained channel throws {@link ChannelClosedException} out of the select.
     *
     * @return the clause, immutable and reusable
     */
    SelectClause<E> onReceive();

    /**
     * A select clause that receives an element and maps it to the select's result. Selecting it
     * on a closed, drained channel throws {@link ChannelClosedException} out of the select.
     *
     * @param onReceived maps the element to the select's result
     * @param <R> the type of the select's result
     * @return the clause, immutable and reusable
     * @throws NullPointerException if {@code onReceived} is null
     */
    <R> SelectClause<R> onReceive(Function<? super E, ? extends R> onReceived);

    /**
     * A select clause that receives an element, or learns that the channel is closed and
     * drained: Go's {@code v, ok := <-ch}.
     *
     * @param onReceived maps a received element to the select's result
     * @param onClosed maps the close cause ({@code null} for a plain {@link SendChannel#close()})
     *        to the select's result
     * @param <R> the type of the select's result
     * @return the clause, immutable and reusable
     * @throws NullPointerException if either function is null
     */
    <R> SelectClause<R> onReceiveOrClosed(Function<? super E, ? extends R> onReceived,
                                          Function<Throwable, ? extends R> onClosed);

    /**
     * An iterator over the elements as they arrive: Go's {@code for v := range ch}.
     * {@code hasNext()} blocks until an element arrives or the channel is closed and drained.
     * Iteration ends normally after a plain close; after {@code close(cause)} the final
     * {@code hasNext()} throws {@link ChannelClosedException} with that cause. If the iterating
     * thread is interrupted while blocked, {@code hasNext()} throws
     * {@link ChannelInterruptedException} and the interrupt status stays set.
     * Each iterator is for one thread.
     *
     * <p>{@code hasNext()} receives: it takes the element from the channel and holds it for
     * {@code next()}. An iterator left after a {@code hasNext()} that returned {@code true}
     * holds an element the channel no longer has, which a later {@link #cancel()} cannot hand
     * to the undelivered-element handler; call {@code next()} or do not ask. {@code remove()}
     * is not supported ({@link UnsupportedOperationException}): an element received is gone
     * from the channel already.
     *
     * @return a blocking iterator
     */
    @Override
    Iterator<E> iterator();

    /**
     * A sequential, ordered stream of the elements as they arrive, ending when the channel is
     * closed and drained; it blocks and throws exactly as {@link #iterator()} does.
     *
     * <p>Its spliterator never splits, so {@code parallel()} still takes one element at a time,
     * on one thread. Decided 2026-12-06, found in review: the JDK's spliterator over an iterator
     * splits off batches of up to 1,024 elements, so {@code stream().parallel().findAny()} on an
     * open channel blocked until 1,024 elements had arrived, and after a close dropped the rest
     * of the batch it had taken.
     *
     * @return a blocking stream
     */
    default Stream<E> stream() {
        final Iterator<E> elements = iterator();
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<E>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super E> action) {
                if (!elements.hasNext()) {
                    return false;
                }
                action.accept(elements.next());
                return true;
            }

            @Override
            public Spliterator<E> trySplit() {
                return null; // a split would take elements ahead of the consumer
            }
        }, false);
    }
}
