package org.channels4j.stress;

import java.time.Duration;
import org.channels4j.ChannelClosedException;
import org.channels4j.SendChannel;

/** Sends and codes the result as an int for a jcstress result. */
public final class Give {
    /** The element was sent. */
    public static final int SENT = 1;
    /** {@code trySend} returned false: no room, no receiver, or the timeout passed. */
    public static final int NOT_SENT = -1;
    /** The send threw {@link ChannelClosedException}. */
    public static final int CLOSED = -2;
    /** The send threw {@link InterruptedException}. */
    public static final int INTERRUPTED = -3;

    private Give() {
    }

    /** {@code trySend(e)}, coded. */
    public static int now(SendChannel<Integer> ch, int e) {
        try {
            return ch.trySend(e) ? SENT : NOT_SENT;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        }
    }

    /** {@code trySend(e, timeout)}, coded. */
    public static int within(SendChannel<Integer> ch, int e, Duration timeout) {
        try {
            return ch.trySend(e, timeout) ? SENT : NOT_SENT;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        } catch (InterruptedException interrupted) {
            return INTERRUPTED;
        }
    }
}
