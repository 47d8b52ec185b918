package org.channels4j;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a channel with a capacity, an {@link Overflow} policy and a handler for elements the
 * channel accepted but will never deliver. From {@link Channels#builder()}; the defaults (capacity
 * 0, {@link Overflow#BLOCK}, no handler) give the same channel as {@link Channels#unbuffered()},
 * and {@code capacity(n)} alone the same as {@link Channels#buffered(int)}.
 *
 * <pre>{@code
 * Channel<ByteBuffer> frames = Channels.<ByteBuffer>builder()
 *         .capacity(64)
 *         .overflow(Overflow.DROP_OLDEST)
 *         .onUndelivered(pool::release)
 *         .build();
 * }</pre>
 *
 * <p>A builder is not thread-safe; it may be reused, and every {@link #build()} makes a new
 * channel with the settings at that time.
 *
 * @param <E> the type of the elements
 */
public final class ChannelBuilder<E> {
    private int capacity;
    private boolean unbounded;
    private Overflow overflow = Overflow.BLOCK;
    private Consumer<? super E> onUndelivered;

    ChannelBuilder() {
    }

    /**
     * Sets the buffer size; 0 (the default) makes a rendezvous channel. Replaces an earlier
     * {@link #unbounded()}. {@link #build()} allocates the buffer whole, as
     * {@link Channels#buffered(int)} does (about 12 bytes an element).
     *
     * @param capacity 0 or more, less than {@link Integer#MAX_VALUE}
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is negative or
     *         {@link Integer#MAX_VALUE} (use {@link #unbounded()})
     */
    public ChannelBuilder<E> capacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 (unbuffered) or more, was " + capacity);
        }
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "capacity Integer.MAX_VALUE means unbounded; use ChannelBuilder.unbounded()");
        }
        this.capacity = capacity;
        this.unbounded = false;
        return this;
    }

    /**
     * Makes the channel unbounded: sends never block. Replaces an earlier {@link #capacity(int)}.
     *
     * @return this builder
     */
    public ChannelBuilder<E> unbounded() {
        this.unbounded = true;
        return this;
    }

    /**
     * Sets what a send on a full buffer does; {@link Overflow#BLOCK} by default.
     *
     * @param policy the policy
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     */
    public ChannelBuilder<E> overflow(Overflow policy) {
        this.overflow = Objects.requireNonNull(policy, "overflow policy");
        return this;
    }

    /**
     * Sets the handler for elements the channel accepted and will never deliver: dropped by an
     * {@link Overflow} policy, or discarded by {@link ReceiveChannel#cancel()}. Use it to release
     * what the elements own (buffers, files, connections). Every accepted element is either
     * received exactly once or handed to this handler exactly once; an element whose send threw
     * (other than with this handler's own exception, below), timed out, returned {@code false}
     * or was interrupted was never accepted and stays the sender's. An unbuffered channel hands every element over directly, so it never calls it.
     *
     * <p>The handler runs on the thread that dropped or discarded the element (the sender, or
     * the caller of {@code cancel}) and must not block for long. If it throws, the operation
     * that called it has still taken full effect (the send was accepted; the cancel closed the
     * channel and handed every other element to the handler too), and then the handler's own
     * exception propagates to that operation's caller unchanged, a {@link RuntimeException} or
     * an {@link Error} alike; when a cancel's handler throws more than once, the first exception
     * propagates and the others are {@linkplain Throwable#addSuppressed suppressed} in it. (A
     * checked exception thrown by stealth reaches a cancel's caller wrapped in an
     * {@link java.lang.reflect.UndeclaredThrowableException}, since {@code cancel} declares none;
     * a send's caller gets it as it was thrown.)
     *
     * @param handler the handler
     * @return this builder
     * @throws NullPointerException if {@code handler} is null
     */
    public ChannelBuilder<E> onUndelivered(Consumer<? super E> handler) {
        this.onUndelivered = Objects.requireNonNull(handler, "onUndelivered handler");
        return this;
    }

    /**
     * Creates a channel with the current settings.
     *
     * @return a new open channel
     * @throws IllegalArgumentException if a drop policy is combined with capacity 0 or with
     *         {@link #unbounded()}: dropping needs a buffer that can be full
     * @throws OutOfMemoryError if the heap cannot hold a buffer of the set capacity
     */
    public Channel<E> build() {
        if (overflow != Overflow.BLOCK && (unbounded || capacity == 0)) {
            throw new IllegalArgumentException("overflow " + overflow
                    + " needs a bounded buffer: capacity must be at least 1 and the channel not unbounded, was "
                    + (unbounded ? "unbounded" : "capacity 0"));
        }
        final int size = unbounded ? Integer.MAX_VALUE : capacity;
        return ProviderLookup.provider().channel(size, overflow, onUndelivered);
    }
}
