package org.channels4j;

/**
 * What a buffered channel does with a send that finds its buffer full. Chosen with
 * {@link ChannelBuilder#overflow(Overflow)}; {@link #BLOCK} is the default and the behaviour of
 * {@link Channels#buffered(int)}.
 *
 * <p>The two drop policies need a buffer: they are refused for unbuffered and unbounded
 * channels. On a channel that drops, {@code send} never parks and never waits for room (it
 * can wait only for another thread's step already under way on the buffer, as the README's
 * claims table says under "Lock-free"), {@code trySend} returns
 * {@code true} while the channel is open, and an {@code onSend} clause is always ready. An
 * element dropped by a policy was accepted and is handed to the channel's
 * {@link ChannelBuilder#onUndelivered(java.util.function.Consumer) onUndelivered} handler, on
 * the sending thread. If that handler throws, the send that called it throws the handler's
 * exception after it took full effect: with {@link #DROP_OLDEST} its new element is in the
 * channel and will be received, with {@link #DROP_LATEST} it is the element handed over.
 */
public enum Overflow {
    /** The send waits for room (Go's behaviour). */
    BLOCK,
    /**
     * The oldest buffered element is removed and handed to the handler, and the new element is
     * accepted: the newest {@code capacity} elements are kept ("latest value wins").
     */
    DROP_OLDEST,
    /** The new element is handed to the handler instead of being buffered; the buffer is kept. */
    DROP_LATEST
}
