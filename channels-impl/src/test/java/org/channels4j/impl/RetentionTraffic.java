package org.channels4j.impl;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.channels4j.Channel;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;

/**
 * Traffic and queue access for the retention tests ({@code CarrierHandoffRetentionTest},
 * {@code SelectNodeRetentionTest}): they append nodes to a channel's wait queue long after the
 * event under test, hold a weak reference to one, and check that nothing keeps it reachable.
 */
final class RetentionTraffic {
    private RetentionTraffic() {
    }

    /** The wait queue in field {@code name} ({@code "receivers"} or {@code "senders"}) of a channel. */
    static WaitQueue queue(Object channel, String name) throws ReflectiveOperationException {
        final Field f = channel.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (WaitQueue) f.get(channel);
    }

    /** The receivers' wait queue of {@code ch}. */
    static WaitQueue receivers(UnbufferedChannel<?> ch) throws ReflectiveOperationException {
        return queue(ch, "receivers");
    }

    /** A virtual thread parked in a receive on {@code ch}. */
    static Thread parkedReceiver(UnbufferedChannel<Integer> ch) throws InterruptedException {
        final Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                ch.receive();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (receiver.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        return receiver;
    }

    /**
     * One receive on a virtual thread that registers and parks, then a send from this (platform)
     * thread that completes it; a failure of the receive fails the caller.
     */
    static void parkedReceiveServedBy(Channel<Integer> ch) throws InterruptedException {
        final Forked<Integer> receiver = Forked.start(ThreadKind.VIRTUAL, "receiver", ch::receive).awaitBlocked();
        ch.send(0);
        receiver.join();
    }

    /** {@code n} elements from a virtual sender to a virtual receiver; a failure of either fails the caller. */
    static void traffic(UnbufferedChannel<Integer> ch, int n) {
        final Forked<Void> rx = Forked.run(ThreadKind.VIRTUAL, "receiver", () -> {
            for (int i = 0; i < n; i++) {
                ch.receive();
            }
        });
        final Forked<Void> tx = Forked.run(ThreadKind.VIRTUAL, "sender", () -> {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
        });
        rx.join();
        tx.join();
    }

    /** Collects garbage, up to 20 times 20 ms, until every reference in {@code refs} is cleared. */
    static void collectUntilCleared(WeakReference<?>... refs) throws InterruptedException {
        for (int i = 0; i < 20 && Arrays.stream(refs).anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
    }
}
