package org.channels4j.lincheck;

import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;

/**
 * The non-blocking calls the Lincheck test classes make on a real channel, with a thrown
 * {@code ChannelClosedException} returned as {@link ChannelModel#CLOSED}, as the models return
 * it. Any other exception propagates: it is a result no model gives, so it fails the check.
 */
final class ChannelCalls {
    private ChannelCalls() {
    }

    /** {@code channel.trySend(element)}, or {@link ChannelModel#CLOSED} if the channel is closed. */
    static Object trySendOrClosed(Channel<Integer> channel, int element) {
        try {
            return channel.trySend(element);
        } catch (ChannelClosedException closed) {
            return ChannelModel.CLOSED;
        }
    }

    /** {@code channel.tryReceive()}, or {@link ChannelModel#CLOSED} if the channel is closed and drained. */
    static Object tryReceiveOrClosed(Channel<Integer> channel) {
        try {
            return channel.tryReceive();
        } catch (ChannelClosedException closed) {
            return ChannelModel.CLOSED;
        }
    }
}
