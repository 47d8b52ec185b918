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
    /** See {@link Waits#LATE}. */
    public static final int LATE = Waits.LATE;

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

    /** {@code send(e)}, coded, for a test where the send cannot block for good (it has room, or a close comes). */
    public static int blocking(SendChannel<Integer> ch, int e) {
        try {
            ch.send(e);
            return SENT;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        } catch (InterruptedException interrupted) {
            return INTERRUPTED;
        }
    }

    /** {@code trySend(e, timeout)}, coded; {@link #LATE} if it used up a {@link Waits#LIVENESS} bound. */
    public static int within(SendChannel<Integer> ch, int e, Duration timeout) {
        final long start = System.nanoTime();
        try {
            final boolean sent = ch.trySend(e, timeout);
            return Waits.late(start, timeout) ? LATE : sent ? SENT : NOT_SENT;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        } catch (InterruptedException interrupted) {
            return INTERRUPTED;
        }
    }
}
