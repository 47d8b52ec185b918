package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import java.util.ArrayList;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.ReceiveChannel;

/** The producers and consumers many contract tests need: Go's "send n, then close" and "range". */
final class Traffic {
    private Traffic() {
    }

    /**
     * Starts a thread that sends {@code 0, 1, ..., n - 1} and then closes the channel, with
     * {@code cause} unless it is null.
     */
    static Forked<Void> sendRangeThenClose(ThreadKind threads, Channel<Integer> channel, int n, Throwable cause) {
        return Forked.run(threads, "producer", () -> {
            for (int i = 0; i < n; i++) {
                channel.send(i);
            }
            if (cause == null) {
                channel.close();
            } else {
                channel.close(cause);
            }
        });
    }

    /** Starts a thread that ranges over the channel with a for-each loop and returns what it saw. */
    static <E> Forked<List<E>> rangeOver(ThreadKind threads, String name, ReceiveChannel<E> channel) {
        return Forked.start(threads, name, () -> {
            final List<E> seen = new ArrayList<>();
            for (E e : channel) {
                seen.add(e);
            }
            return seen;
        });
    }

    /** Closes the channel (if nobody has yet) and returns every element left in it, in order. */
    static <E> List<E> closeAndDrain(Channel<E> channel) throws InterruptedException {
        channel.close();
        final List<E> left = new ArrayList<>();
        for (;;) {
            try {
                left.add(channel.receive());
            } catch (ChannelClosedException drained) {
                return left;
            }
        }
    }
}
