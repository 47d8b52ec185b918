package org.channels4j;

import java.io.Serial;

/**
 * Thrown where a wait cannot throw the checked {@link InterruptedException}, when the waiting
 * thread is interrupted: by a channel's {@link ReceiveChannel#iterator() iterator} or
 * {@link ReceiveChannel#stream() stream} ({@link java.util.Iterator#hasNext()} declares none),
 * and by {@link Group#go} and {@link Group#close()} (a {@code go} waiting for a free slot, a
 * {@code close} waiting for the tasks). The interrupt status stays set and the cause is the
 * {@link InterruptedException}.
 */
public class ChannelInterruptedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause the interrupt that ended the wait
     */
    public ChannelInterruptedException(InterruptedException cause) {
        this("interrupted while waiting for a channel element", cause);
    }

    /**
     * Creates the exception with a message that says what the thread was waiting for.
     *
     * @param message what was interrupted, for example "interrupted while waiting for a free
     *        slot of the group"
     * @param cause the interrupt that ended the wait
     */
    public ChannelInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
