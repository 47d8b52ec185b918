package org.channels4j;

import java.io.Serial;

/**
 * Thrown by a send on a closed channel, and by a receive on a closed and drained channel.
 * Its {@link #getCause() cause} is the cause given to {@link SendChannel#close(Throwable)},
 * or {@code null} after a plain {@link SendChannel#close()}.
 */
public class ChannelClosedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was attempted on the closed channel
     * @param cause the close cause, or {@code null}
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
