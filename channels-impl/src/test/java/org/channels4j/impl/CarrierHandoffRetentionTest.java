package org.channels4j.impl;

import static org.channels4j.impl.RetentionTraffic.collectUntilCleared;
import static org.channels4j.impl.RetentionTraffic.parkedReceiveServedBy;
import static org.channels4j.impl.RetentionTraffic.parkedReceiver;
import static org.channels4j.impl.RetentionTraffic.receivers;
import static org.channels4j.impl.RetentionTraffic.traffic;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A virtual thread that woke a parked partner and then waits on something other than a channel
 * must not keep the channel's later wait-queue nodes reachable. {@link CarrierHandoff} used to
 * remember the woken node itself, and a node keeps its {@code next}: every node appended after
 * it stayed reachable for as long as the waker did not wait on a channel again, so memory grew
 * with the channel's traffic. This test failed on that code (commit 3ebe7e6): the node was
 * still reachable after every collection.
 */
@Timeout(60)
class CarrierHandoffRetentionTest {

    @Test
    void aWakerThatStopsUsingChannelsKeepsNoLaterNodeReachable() throws Exception {
        final UnbufferedChannel<Integer> ch = new UnbufferedChannel<>();
        final Thread receiver = parkedReceiver(ch);
        final CountDownLatch woke = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        // wakes the parked receiver, then blocks on a latch, not on a channel, until the end
        final Thread waker = Thread.ofVirtual().start(() -> {
            try {
                ch.send(1);
                woke.countDown();
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        try {
            woke.await();
            receiver.join();
            traffic(ch, 10_000);
            final WeakReference<WaitNode> ref = new WeakReference<>(receivers(ch).lvTail());
            assertNotNull(ref.get());
            traffic(ch, 10_000);
            for (int i = 0; i < 3; i++) {
                parkedReceiveServedBy(ch); // appends after that node for sure, and moves the head past
            }
            collectUntilCleared(ref);
            assertNull(ref.get(), "a node registered after the wake-up is still reachable: "
                    + "the waker's remembered partner keeps the queue behind it alive");
        } finally {
            release.countDown();
            waker.join();
        }
    }

    /**
     * What a waker remembers must not link to what its partner remembers: a chain of one-shot
     * stages, each receiving once, sending on to the next and ending, must be collectable while
     * the driver that woke the first one blocks on a latch. On d2c1523, where a record
     * remembered the partner's record, each stage's record named the next one's, and the
     * driver kept every ended stage's thread reachable.
     */
    @Test
    void aChainOfEndedStagesIsNotKeptReachableByTheDriverThatWokeTheFirst() throws Exception {
        final int n = 8;
        final List<UnbufferedChannel<Integer>> channels = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            channels.add(new UnbufferedChannel<>());
        }
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final AtomicReference<UnbufferedChannel<Integer>> in = new AtomicReference<>(channels.get(i));
            final AtomicReference<UnbufferedChannel<Integer>> out = new AtomicReference<>(channels.get(i + 1));
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    final int v = in.getAndSet(null).receive();
                    out.getAndSet(null).send(v); // the next stage is parked: this unparks it
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        threads.add(parkedReceiver(channels.get(n))); // the sink
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        final AtomicReference<UnbufferedChannel<Integer>> first = new AtomicReference<>(channels.get(0));
        channels.clear();
        final CountDownLatch release = new CountDownLatch(1);
        final Thread driver = Thread.ofVirtual().start(() -> {
            try {
                first.getAndSet(null).send(1); // unparks the first stage
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        try {
            for (Thread t : threads) {
                t.join();
            }
            final WeakReference<Thread> firstStage = new WeakReference<>(threads.get(0));
            final WeakReference<Thread> lastStage = new WeakReference<>(threads.get(n - 1));
            threads.clear();
            collectUntilCleared(firstStage, lastStage);
            assertNull(firstStage.get(), "the driver keeps the stage it woke reachable after it ended");
            assertNull(lastStage.get(), "the driver keeps the whole chain of ended stages reachable");
        } finally {
            release.countDown();
            driver.join();
        }
    }

}
