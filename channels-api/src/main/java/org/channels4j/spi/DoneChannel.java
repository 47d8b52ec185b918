package org.channels4j.spi;

import org.channels4j.ReceiveChannel;

/**
 * The done channel of a {@link org.channels4j.Context}: it never delivers an element and is
 * closed exactly once, by {@link #close(Throwable)}, by its parent closing or by its deadline
 * passing, and the cause is fixed by whichever comes first. Made by
 * {@link ChannelProvider#doneChannel(DoneChannel, boolean, long)}; users see it only as the
 * {@link ReceiveChannel} that {@link org.channels4j.Context#done()} returns, whose
 * {@link ReceiveChannel#cancel()} is unsupported: a context is cancelled through the
 * {@code Context}, which also reaches its descendants.
 *
 * <p>Once closed, a receive throws {@link org.channels4j.ChannelClosedException} with
 * {@link #cause()} attached, {@code onReceiveOrClosed} runs its closed branch with
 * {@link #cause()}, and {@code isClosedForReceive()} is true.
 */
public interface DoneChannel extends ReceiveChannel<Void> {

    /**
     * Closes the channel with {@code cause} if it is still open (its parent not closed, its
     * deadline not passed), waking every receiver and select blocked on it. Called on a channel
     * whose parent has closed, it adopts the parent's cause and wakes its receivers.
     *
     * <p>Only {@link org.channels4j.Context} calls this: it cancels the context's descendants
     * after it. A direct call closes this channel alone, so the context's descendants are not
     * cancelled until something else reaches them.
     *
     * @param cause the close cause, not null
     * @return {@code true} if this call closed the channel
     */
    boolean close(Throwable cause);

    /**
     * The close cause: null while open; the cause given to the first {@link #close}; the
     * parent's cause once the parent is closed; or, once the deadline has passed with none of
     * these before it, a
     * {@link java.util.concurrent.TimeoutException} fixed by the first caller to notice. Once
     * non-null it never changes.
     *
     * @return the cause, or null while the channel is open
     */
    Throwable cause();
}
