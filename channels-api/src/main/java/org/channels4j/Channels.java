package org.channels4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.channels4j.spi.ChannelProvider;

/**
 * Creates channels and timer channels.
 *
 * <pre>{@code
 * Channel<String> lines = Channels.buffered(16);
 * Thread.ofVirtual().start(() -> {
 *     try {
 *         for (String line : input) lines.send(line);
 *         lines.close();
 *     } catch (InterruptedException e) {
 *         lines.close(e);
 *     }
 * });
 * for (String line : lines) System.out.println(line);   // ends when closed and drained
 * }</pre>
 *
 * <p>The implementation is found with {@link java.util.ServiceLoader}: add
 * {@code org.channels4j:channels-impl} to the class path or module path.
 */
public final class Channels {
    private Channels() {
    }

    /**
     * A channel with no buffer: each send waits for a receiver and hands its element over
     * directly (Go's {@code make(chan E)}).
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == 0}
     */
    public static <E> Channel<E> unbuffered() {
        return ProviderLookup.provider().unbuffered();
    }

    /**
     * A channel that buffers up to {@code capacity} elements (Go's {@code make(chan E, n)}).
     *
     * @param capacity how many elements the buffer holds, at least 1
     * @param <E> the type of the elements
     * @return a new open channel
     * @throws IllegalArgumentException if {@code capacity < 1} (use {@link #unbuffered()} for a
     *         rendezvous channel) or {@code capacity == Integer.MAX_VALUE} (use
     *         {@link #unbounded()})
     */
    public static <E> Channel<E> buffered(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "capacity must be at least 1, was " + capacity + "; use Channels.unbuffered() for capacity 0");
        }
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "capacity Integer.MAX_VALUE means unbounded; use Channels.unbounded()");
        }
        return ProviderLookup.provider().buffered(capacity);
    }

    /**
     * A channel whose sends never block; memory grows with the backlog and is given back as
     * receivers drain it.
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == Integer.MAX_VALUE}
     */
    public static <E> Channel<E> unbounded() {
        return ProviderLookup.provider().unbounded();
    }

    /**
     * A builder for channels with an {@link Overflow} policy or an
     * {@link ChannelBuilder#onUndelivered onUndelivered} handler. Its defaults build the same
     * channel as {@link #unbuffered()}.
     *
     * @param <E> the type of the elements
     * @return a new builder
     */
    public static <E> ChannelBuilder<E> builder() {
        return new ChannelBuilder<>();
    }

    /**
     * A channel that keeps only the latest element: capacity 1 with
     * {@link Overflow#DROP_OLDEST}. A send never blocks and replaces an element nobody has
     * received yet, so a slow receiver always gets the most recent value. Use
     * {@link #builder()} to add a handler for the replaced elements.
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == 1}
     */
    public static <E> Channel<E> conflated() {
        return Channels.<E>builder().capacity(1).overflow(Overflow.DROP_OLDEST).build();
    }

    /**
     * A channel that delivers one {@link Instant} once {@code delay} has passed, and nothing
     * after that (Go's {@code time.After}). It is never closed. No thread is started: receivers
     * park until the deadline.
     *
     * @param delay how long from now, zero or more
     * @return the timer channel
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static ReceiveChannel<Instant> after(Duration delay) {
        requireNonNegative(delay, "delay");
        return ProviderLookup.provider().after(delay);
    }

    /**
     * A channel that delivers the current {@link Instant} every {@code period} (Go's
     * {@code time.Tick}). It holds at most one pending tick: a slow receiver gets the latest
     * tick and the ticks it missed are dropped. No thread is started.
     *
     * @param period time between ticks, more than zero
     * @return the ticker channel
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static ReceiveChannel<Instant> tick(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("tick period must be positive, was " + period);
        }
        return ProviderLookup.provider().tick(period);
    }

    /**
     * A channel that is never ready: receiving from it blocks until interrupted. Useful to
     * disable a select clause (Go's nil channel).
     *
     * @param <E> the type of the (absent) elements
     * @return the never-ready channel
     */
    public static <E> ReceiveChannel<E> never() {
        return ProviderLookup.provider().never();
    }

    static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }
}
