package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.SelectClause;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Channels#asPublisher}: the rules its Javadoc states, beyond what the Reactive Streams
 * TCK ({@link AsPublisherTckTest}) checks. The channel is fed from platform and from virtual
 * threads; the subscribers always run on the subscriptions' own virtual threads.
 */
class AsPublisherTest {
    /** How long a test waits to see that something does not happen. */
    private static final long QUIET_MILLIS = 100;

    @ParameterizedTest(name = "sender on {0} thread")
    @EnumSource(ThreadKind.class)
    void deliversEveryElementInOrderThenCompletesAfterAPlainClose(ThreadKind threads) throws Exception {
        final Channel<Integer> channel = Channels.buffered(8);
        threads.start("sender", () -> sendRangeThenClose(channel, 1000, null));
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(channel).subscribe(subscriber);
        subscriber.request(Long.MAX_VALUE);

        for (int i = 0; i < 1000; i++) {
            assertEquals(i, subscriber.nextElement());
        }
        assertEquals(Optional.empty(), subscriber.awaitTerminal());
        subscriber.assertSignalsWereInOrder();
    }

    @ParameterizedTest(name = "sender on {0} thread")
    @EnumSource(ThreadKind.class)
    void closeWithACauseIsSignalledAsOnErrorAfterTheBufferedElements(ThreadKind threads) throws Exception {
        final Channel<Integer> channel = Channels.buffered(8);
        final IllegalStateException cause = new IllegalStateException("upstream failed");
        threads.start("sender", () -> sendRangeThenClose(channel, 5, cause));
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(channel).subscribe(subscriber);
        subscriber.request(100);

        for (int i = 0; i < 5; i++) {
            assertEquals(i, subscriber.nextElement());
        }
        assertSame(cause, subscriber.awaitTerminal().orElseThrow());
        subscriber.assertSignalsWereInOrder();
    }

    /**
     * A channel whose receive fails (here a {@link ReceiveChannel} channels4j did not make: the
     * select refuses its clause) ends the stream with {@code onError} of that failure. Until
     * 2026-12-07 the failure went to the subscription thread's handler and the subscriber waited
     * for ever (found in a review).
     */
    @Test
    void aChannelThatFailsEndsTheStreamWithOnError() throws Exception {
        final Channel<Integer> real = Channels.buffered(1);
        final ReceiveChannel<Integer> foreign = foreignClauses(real);
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(foreign).subscribe(subscriber);
        subscriber.request(1);

        final Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> subscriber.awaitTerminal().orElseThrow());
        assertTrue(failure instanceof IllegalArgumentException && failure.getMessage().contains("not created by channels4j"),
                () -> "expected the select's refusal, got " + failure);
        subscriber.assertSignalsWereInOrder();
    }

    /** {@code source} behind a channel whose select clauses channels4j did not make. */
    @SuppressWarnings("unchecked")
    private static ReceiveChannel<Integer> foreignClauses(Channel<Integer> source) {
        return (ReceiveChannel<Integer>) java.lang.reflect.Proxy.newProxyInstance(
                AsPublisherTest.class.getClassLoader(), new Class<?>[] {ReceiveChannel.class},
                (proxy, method, args) -> method.getName().startsWith("onReceive")
                        ? new SelectClause<Object>() { }
                        : method.invoke(source, args));
    }

    @Test
    void takesNothingFromTheChannelWithoutDemand() throws Exception {
        final Channel<Integer> channel = Channels.buffered(8);
        for (int i = 0; i < 3; i++) {
            channel.send(i);
        }
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(channel).subscribe(subscriber);

        assertNull(subscriber.elementWithin(QUIET_MILLIS));
        assertEquals(3, channel.size());

        subscriber.request(1);
        assertEquals(0, subscriber.nextElement());
        assertNull(subscriber.elementWithin(QUIET_MILLIS));
        assertEquals(2, channel.size(), "one request must take exactly one element");
    }

    @Test
    void cancelStopsReceivingAndLeavesTheRestInTheChannel() throws Exception {
        final Channel<Integer> channel = Channels.unbounded();
        for (int i = 0; i < 100; i++) {
            channel.send(i);
        }
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(channel).subscribe(subscriber);
        subscriber.request(10);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, subscriber.nextElement());
        }
        subscriber.cancel();
        subscriber.request(5);   // rule 3.6: a no-op after cancel

        assertNull(subscriber.elementWithin(QUIET_MILLIS));
        assertFalse(subscriber.terminated());
        assertEquals(90, channel.size());
        assertEquals(10, channel.tryReceive(), "the channel goes on serving other receivers");
    }

    @ParameterizedTest(name = "sender on {0} thread")
    @EnumSource(ThreadKind.class)
    void cancelWhileWaitingForAnElementTakesNoLaterElement(ThreadKind threads) throws Exception {
        final Channel<Integer> channel = Channels.unbuffered();
        final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        Channels.asPublisher(channel).subscribe(subscriber);
        subscriber.request(1);
        Thread.sleep(QUIET_MILLIS);   // let the subscription start waiting on the empty channel
        subscriber.cancel();

        final Thread sender = threads.start("sender", () -> {
            try {
                channel.send(42);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The send can only complete by handing 42 to a receiver: it must be this one, not the
        // cancelled subscription (timed, so that a subscription that took it fails rather than hangs).
        assertEquals(42, channel.tryReceive(Duration.ofSeconds(10)), "the cancelled subscription took it");
        sender.join();
        assertNull(subscriber.elementWithin(QUIET_MILLIS));
    }

    /**
     * No lost wake-up between a request from another thread and the subscription parking for
     * want of demand: 20,000 round trips of request(1) and wait for the element, most of which
     * find the subscription parked with no demand. A lost wake-up hangs a round trip and fails
     * the test.
     */
    @ParameterizedTest(name = "requests from {0} thread")
    @EnumSource(ThreadKind.class)
    void requestsFromAnotherThreadOneAtATimeAlwaysWakeTheSubscription(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final int rounds = 20_000;
            final Channel<Integer> channel = Channels.unbounded();
            for (int i = 0; i < rounds; i++) {
                channel.send(i);
            }
            final RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
            Channels.asPublisher(channel).subscribe(subscriber);
            final List<Throwable> failures = new CopyOnWriteArrayList<>();
            threads.start("requester", () -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        subscriber.request(1);
                        assertEquals(i, subscriber.nextElement(), "round " + i);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }).join();
            assertEquals(List.of(), failures);
            assertEquals(0, channel.size());
        });
    }

    @Test
    void everySignalComesFromOneVirtualThreadOfTheSubscription() throws Exception {
        final Channel<Integer> channel = Channels.buffered(4);
        final Set<Thread> signallers = ConcurrentHashMap.newKeySet();
        final CountDownLatch completed = new CountDownLatch(1);
        Channels.asPublisher(channel).subscribe(new Flow.Subscriber<Integer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                signallers.add(Thread.currentThread());
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                signallers.add(Thread.currentThread());
            }

            @Override
            public void onError(Throwable failure) {
                signallers.add(Thread.currentThread());
            }

            @Override
            public void onComplete() {
                signallers.add(Thread.currentThread());
                completed.countDown();
            }
        });
        sendRangeThenClose(channel, 10, null);
        assertTrue(completed.await(10, TimeUnit.SECONDS));

        assertEquals(1, signallers.size(), "signallers: " + signallers);
        final Thread signaller = signallers.iterator().next();
        assertTrue(signaller.isVirtual());
        assertTrue(signaller != Thread.currentThread());
    }

    /**
     * Conservation: 1,000,000 elements, four subscribers competing for them with batched
     * demand; every element reaches exactly one subscriber, exactly once.
     */
    @ParameterizedTest(name = "sender on {0} thread")
    @EnumSource(ThreadKind.class)
    void aMillionElementsReachFourCompetingSubscribersEachExactlyOnce(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final int total = 1_000_000;
            final Channel<Integer> channel = Channels.buffered(256);
            final Flow.Publisher<Integer> publisher = Channels.asPublisher(channel);
            final AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
            final List<BatchingCounter> subscribers = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                final BatchingCounter subscriber = new BatchingCounter(deliveries);
                subscribers.add(subscriber);
                publisher.subscribe(subscriber);
            }
            threads.start("sender", () -> sendRangeThenClose(channel, total, null));

            long delivered = 0;
            for (BatchingCounter subscriber : subscribers) {
                assertTrue(subscriber.completed.await(50, TimeUnit.SECONDS), "no onComplete");
                delivered += subscriber.received;
            }
            assertEquals(total, delivered);
            for (int i = 0; i < total; i++) {
                if (deliveries.get(i) != 1) {
                    throw new AssertionError("element " + i + " was delivered " + deliveries.get(i) + " times");
                }
            }
        });
    }

    /** Requests in batches of 64, as a real subscriber would, and counts deliveries per element. */
    private static final class BatchingCounter implements Flow.Subscriber<Integer> {
        private static final int BATCH = 64;
        private final AtomicIntegerArray deliveries;
        private final CountDownLatch completed = new CountDownLatch(1);
        private Flow.Subscription subscription;
        /** Written by the subscription's thread; read after {@link #completed}, which publishes it. */
        private long received;

        BatchingCounter(AtomicIntegerArray deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(2 * BATCH);
        }

        @Override
        public void onNext(Integer element) {
            deliveries.incrementAndGet(element);
            if (++received % BATCH == 0) {
                subscription.request(BATCH);
            }
        }

        @Override
        public void onError(Throwable failure) {
            throw new AssertionError("unexpected onError", failure);
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }
    }

    private static void sendRangeThenClose(Channel<Integer> channel, int count, Throwable cause) {
        try {
            for (int i = 0; i < count; i++) {
                channel.send(i);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (cause == null) {
            channel.close();
        } else {
            channel.close(cause);
        }
    }
}
