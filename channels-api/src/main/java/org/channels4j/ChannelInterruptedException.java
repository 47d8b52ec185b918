package org.channels4j;

import java.io.Serial;

/**
 * Thrown by a channel's {@link ReceiveChannel#iterator() iterator} or
 * {@link ReceiveChannel#stream() stream} when the iterating thread is interrupted while it
 * waits: {@link java.util.Iterator#hasNext()} cannot throw a checked exception. The interrupt
 * status stays set and the cause is the {@link InterruptedException}.
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
        super("interrupted while waiting for a channel element", cause);
    }
}
