package org.channels4j.stress;

import java.time.Duration;
import org.channels4j.ChannelClosedException;
import org.channels4j.ReceiveChannel;

/**
 * Receives and codes the result as an int for a jcstress result: the element itself (tests
 * send small positive Integers), or one of the negative codes below.
 */
public final class Take {
    /** {@code tryReceive} found nothing, or the timed receive timed out. */
    public static final int NOTHING = -1;
    /** The receive threw {@link ChannelClosedException}. */
    public static final int CLOSED = -2;
    /** The receive threw {@link InterruptedException}. */
    public static final int INTERRUPTED = -3;
    /** See {@link Waits#LATE}. */
    public static final int LATE = Waits.LATE;

    private Take() {
    }

    /** {@code tryReceive()}, coded. */
    public static int now(ReceiveChannel<Integer> ch) {
        try {
            final Integer e = ch.tryReceive();
            return e == null ? NOTHING : e;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        }
    }

    /** {@code tryReceive(timeout)}, coded; {@link #LATE} if it used up a {@link Waits#LIVENESS} bound. */
    public static int within(ReceiveChannel<Integer> ch, Duration timeout) {
        final long start = System.nanoTime();
        try {
            final Integer e = ch.tryReceive(timeout);
            return Waits.late(start, timeout) ? LATE : e == null ? NOTHING : e;
        } catch (ChannelClosedException closed) {
            return CLOSED;
        } catch (InterruptedException interrupted) {
            return INTERRUPTED;
        }
    }
}
