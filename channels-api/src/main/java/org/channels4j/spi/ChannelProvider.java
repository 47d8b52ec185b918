package org.channels4j.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.ReceiveChannel;
import org.channels4j.SelectClause;

/**
 * The service an implementation of channels4j provides, found by
 * {@link org.channels4j.Channels} and {@link org.channels4j.Select} with
 * {@link java.util.ServiceLoader}. Users never call it.
 *
 * <p>The API validates arguments before it calls a provider: capacities are at least 1 and
 * below {@link Integer#MAX_VALUE}, durations are non-null and non-negative (tick periods
 * positive), and a select's clause list is non-empty with no null entries.
 */
public interface ChannelProvider {

    /** @param <E> element type @return a new unbuffered channel */
    <E> Channel<E> unbuffered();

    /** @param capacity at least 1 @param <E> element type @return a new buffered channel */
    <E> Channel<E> buffered(int capacity);

    /** @param <E> element type @return a new unbounded channel */
    <E> Channel<E> unbounded();

    /** @param delay non-negative @return a one-shot timer channel */
    ReceiveChannel<Instant> after(Duration delay);

    /** @param period positive @return a ticker channel that drops ticks for slow receivers */
    ReceiveChannel<Instant> tick(Duration period);

    /** @param <E> element type @return a channel that is never ready */
    <E> ReceiveChannel<E> never();

    /**
     * Runs a select.
     *
     * @param clauses non-empty, no nulls; the provider must not keep or modify the array
     * @param biased {@code true} to prefer the first ready clause, {@code false} for a uniformly
     *        random choice among ready clauses
     * @param <R> result type
     * @return the chosen clause's result
     * @throws InterruptedException if interrupted while blocked; no clause completed
     */
    <R> R select(SelectClause<? extends R>[] clauses, boolean biased) throws InterruptedException;

    /** @param timeout non-negative @param then result @param <R> result type @return the clause */
    <R> SelectClause<R> onTimeout(Duration timeout, Supplier<? extends R> then);

    /** @param then result @param <R> result type @return the clause */
    <R> SelectClause<R> orElse(Supplier<? extends R> then);
}
