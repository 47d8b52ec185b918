package org.channels4j.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.Overflow;
import org.channels4j.ReceiveChannel;
import org.channels4j.SelectClause;

/**
 * The service an implementation of channels4j provides, found by
 * {@link org.channels4j.Channels} and {@link org.channels4j.Select} with
 * {@link java.util.ServiceLoader}. Users never call it.
 *
 * <p>The API validates arguments before it calls a provider: {@link #buffered}'s capacity is
 * at least 1 and below {@link Integer#MAX_VALUE} ({@link #channel} takes 0 and
 * {@code Integer.MAX_VALUE} too, for unbuffered and unbounded), durations are non-null and
 * non-negative (tick periods positive), and a select's clause list is non-empty with no null
 * entries. The provider checks the rest: a select's clauses are its own, with at most one
 * {@code orElse}, and no more than it can take.
 */
public interface ChannelProvider {

    /**
     * Creates an unbuffered channel.
     *
     * @param <E> the element type
     * @return a new open channel with capacity 0
     */
    <E> Channel<E> unbuffered();

    /**
     * Creates a buffered channel.
     *
     * @param capacity at least 1, less than {@link Integer#MAX_VALUE}
     * @param <E> the element type
     * @return a new open channel
     */
    <E> Channel<E> buffered(int capacity);

    /**
     * Creates an unbounded channel.
     *
     * @param <E> the element type
     * @return a new open channel with capacity {@link Integer#MAX_VALUE}
     */
    <E> Channel<E> unbounded();

    /**
     * Creates a channel from the settings of a {@link org.channels4j.ChannelBuilder}.
     *
     * @param capacity 0 for unbuffered, {@link Integer#MAX_VALUE} for unbounded, else the
     *        buffer size
     * @param overflow the policy for a full buffer; a drop policy only with a capacity from 1
     *        to {@code Integer.MAX_VALUE - 1}
     * @param onUndelivered the handler for accepted elements that will never be delivered, or
     *        null for none
     * @param <E> the element type
     * @return a new open channel
     */
    <E> Channel<E> channel(int capacity, Overflow overflow, Consumer<? super E> onUndelivered);

    /**
     * Creates a one-shot timer channel.
     *
     * @param delay non-negative
     * @return a channel that delivers one instant after {@code delay}
     */
    ReceiveChannel<Instant> after(Duration delay);

    /**
     * Creates a ticker channel.
     *
     * @param period positive
     * @return a channel that ticks every {@code period} and drops ticks for slow receivers
     */
    ReceiveChannel<Instant> tick(Duration period);

    /**
     * Returns a channel that is never ready.
     *
     * @param <E> the element type
     * @return a channel that is never ready and never closed
     */
    <E> ReceiveChannel<E> never();

    /**
     * Creates the done channel of a context: open until it is cancelled, until {@code parent}
     * is closed (it then reports the parent's cause, from the instant the parent's was fixed),
     * or, if {@code timed}, until {@code deadline} passes. It must start no thread and schedule
     * no task for the deadline: receivers park against it. Waking receivers blocked on it when
     * an ancestor is cancelled is the caller's job: it cancels the channel.
     *
     * @param parent the done channel of the parent context, made by this provider; null for a
     *        context with no cancellable parent
     * @param timed whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} value, no later than the parent's deadline;
     *        ignored unless {@code timed}
     * @return a new done channel (already closed if the parent is, or if the deadline has passed)
     */
    DoneChannel doneChannel(DoneChannel parent, boolean timed, long deadline);

    /**
     * Runs a select.
     *
     * @param clauses non-empty, no nulls; the provider must not keep or modify the array
     * @param biased {@code true} to prefer the first ready clause, {@code false} for a uniformly
     *        random choice among ready clauses
     * @param <R> result type
     * @return the chosen clause's result
     * @throws InterruptedException if interrupted while blocked; no clause completed
     * @throws IllegalArgumentException if a clause was not made by this provider, there is more
     *         than one {@code orElse}, or there are more clauses than the provider takes
     *         (channels-impl: 65,536)
     */
    <R> R select(SelectClause<? extends R>[] clauses, boolean biased) throws InterruptedException;

    /**
     * Creates a timeout clause.
     *
     * @param timeout non-negative, measured from the start of each select
     * @param then the select's result on timeout
     * @param <R> the result type
     * @return the clause
     */
    <R> SelectClause<R> onTimeout(Duration timeout, Supplier<? extends R> then);

    /**
     * Creates a default clause.
     *
     * @param then the select's result when no other clause is ready
     * @param <R> the result type
     * @return the clause
     */
    <R> SelectClause<R> orElse(Supplier<? extends R> then);
}
