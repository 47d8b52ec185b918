package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * "Nothing lost, nothing doubled" where the channel may drop: each of {@code 0, 1, ..., n - 1}
     * was received exactly once or dropped (handed to the handler) exactly once, never both and
     * never twice, and nothing else came out of the channel.
     */
    static void assertEachReceivedOrDroppedOnce(int n, Collection<Integer> received, Collection<Integer> dropped) {
        final int[] receivedTimes = new int[n];
        final int[] droppedTimes = new int[n];
        for (int e : received) {
            if (e < 0 || e >= n) {
                fail("received " + e + ", which was never sent");
            }
            receivedTimes[e]++;
        }
        for (int e : dropped) {
            if (e < 0 || e >= n) {
                fail("dropped " + e + ", which was never sent");
            }
            droppedTimes[e]++;
        }
        final List<String> violations = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            if (receivedTimes[e] + droppedTimes[e] != 1) {
                violations.add(e + " received " + receivedTimes[e] + "x and dropped " + droppedTimes[e] + "x");
            }
        }
        if (!violations.isEmpty()) {
            fail(violations.size() + " of " + n + " elements broke received-or-dropped-exactly-once, e.g. "
                    + violations.subList(0, Math.min(10, violations.size())));
        }
    }

    /**
     * FIFO and conservation for one sender's {@code 0, 1, ..., n - 1}, sent in order: the received
     * elements came in the order sent (a subsequence, since drops leave gaps), and each element was
     * received or dropped exactly once ({@link #assertEachReceivedOrDroppedOnce}). With nothing
     * dropped this is {@code received} equal to {@code 0, 1, ..., n - 1}, checked as such: the
     * check the kinds that never drop have always had, which names the first element out of place.
     *
     * @param message what the test expected, for the failure message
     */
    static void assertReceivedInOrderOrDropped(int n, List<Integer> received, Collection<Integer> dropped,
                                               String message) {
        if (dropped.isEmpty()) {
            for (int i = 0; i < Math.min(n, received.size()); i++) {
                if (received.get(i) != i) {
                    fail(message + ": received " + received.get(i) + " where " + i + " was next");
                }
            }
            assertEquals(n, received.size(), message + ": elements received, with none dropped");
            return;
        }
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i) <= received.get(i - 1)) {
                fail(message + ": received " + received.get(i) + " after " + received.get(i - 1)
                        + ", against the order sent (" + dropped.size() + " elements dropped)");
            }
        }
        assertEachReceivedOrDroppedOnce(n, received, dropped);
    }
}
