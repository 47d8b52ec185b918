package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Channels#fromPublisher}: demand follows what receivers take, on every receive path;
 * the subscription is called serially however many receivers there are; a publisher that breaks
 * the spec closes the channel with an {@link IllegalStateException}. The subscriber rules
 * themselves are the TCK's ({@link FromPublisherTckTest}); a publisher nobody here wrote is in
 * {@link SubmissionPublisherTest}.
 */
class FromPublisherTest {
    private static final int CAPACITY = 4;

    @Test
    void requestsCapacityAtOnceThenOneForEachElementTakenOnEveryReceivePath() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        assertEquals(CAPACITY, publisher.requested.get());

        final List<String> paths = List.of("receive", "tryReceive", "tryReceive(timeout)", "onReceive()",
                "onReceive(f)", "onReceiveOrClosed", "iterator", "stream");
        int next = 0;
        for (String path : paths) {
            publisher.subscriber.onNext(next);
            final long before = publisher.requested.get();
            final Integer taken = switch (path) {
                case "receive" -> channel.receive();
                case "tryReceive" -> channel.tryReceive();
                case "tryReceive(timeout)" -> channel.tryReceive(Duration.ofSeconds(1));
                case "onReceive()" -> Select.select(channel.onReceive());
                case "onReceive(f)" -> Select.select(channel.onReceive(e -> e));
                case "onReceiveOrClosed" -> Select.select(channel.onReceiveOrClosed(e -> e, cause -> -1));
                case "iterator" -> channel.iterator().next();
                default -> channel.stream().findFirst().orElseThrow();
            };
            assertEquals(next++, taken, path);
            assertEquals(before + 1, publisher.requested.get(), path + " must request exactly one more");
        }
        assertNull(channel.tryReceive());
        assertEquals(CAPACITY + paths.size(), publisher.requested.get(), "an empty tryReceive requests nothing");
    }

    /**
     * The lifecycle's {@code cancel} on a {@code fromPublisher} channel cancels the subscription,
     * closes the channel and discards what it buffered: receivers get nothing further.
     */
    @Test
    void cancelCancelsTheSubscriptionAndDiscardsTheBuffer() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        publisher.subscriber.onNext(1);
        publisher.subscriber.onNext(2);
        assertTrue(channel.cancel(), "the first cancel closes the channel");
        assertTrue(publisher.cancelled.get(), "the subscription was cancelled");
        assertTrue(channel.isClosedForReceive(), "closed, and the buffered elements were discarded");
        publisher.subscriber.onNext(3); // a late element after cancel is dropped, not an error
        assertThrows(ChannelClosedException.class, channel::tryReceive);
    }

    @Test
    void onCompleteClosesTheChannelAfterTheBufferedElements() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        publisher.subscriber.onNext(1);
        publisher.subscriber.onNext(2);
        publisher.subscriber.onComplete();
        final long requestedAtComplete = publisher.requested.get();
        assertEquals(List.of(1, 2), channel.stream().toList());
        assertTrue(channel.isClosedForReceive());
        assertEquals(requestedAtComplete, publisher.requested.get(),
                "rule 2.4: after onComplete the subscription is cancelled, so taking what is buffered requests nothing");
        channel.cancel();
        assertFalse(publisher.cancelled.get(), "rule 2.4: nor is a finished subscription cancelled");
    }

    @Test
    void onErrorClosesTheChannelWithThatCause() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        final RuntimeException failure = new RuntimeException("upstream failed");
        publisher.subscriber.onNext(1);
        publisher.subscriber.onError(failure);
        final long requestedAtError = publisher.requested.get();
        assertEquals(1, channel.receive());
        assertSame(failure, assertThrows(ChannelClosedException.class, channel::receive).getCause());
        assertEquals(requestedAtError, publisher.requested.get(),
                "rule 2.4: after onError the subscription is cancelled, so taking what is buffered requests nothing");
    }

    @Test
    void morePublishedThanRequestedClosesTheChannelWithIllegalStateExceptionAndCancels() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        for (int i = 0; i <= CAPACITY; i++) {
            publisher.subscriber.onNext(i);
        }
        assertTrue(publisher.cancelled.get());
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(i, channel.receive(), "the elements that were requested are still delivered");
        }
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::receive).getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("rule 1.1"), cause.getMessage());
    }

    @Test
    void aNullElementClosesTheChannelWithIllegalStateExceptionAndCancels() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        assertThrows(NullPointerException.class, () -> publisher.subscriber.onNext(null));
        assertTrue(publisher.cancelled.get());
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::tryReceive).getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("rule 2.13"), cause.getMessage());
    }

    /** Found in review: {@code onError(null)} threw and left the channel open, so receivers waited for ever. */
    @Test
    void aNullErrorClosesTheChannelWithIllegalStateException() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        publisher.subscriber.onNext(7);
        assertThrows(NullPointerException.class, () -> publisher.subscriber.onError(null));
        assertFalse(publisher.cancelled.get(), "rule 2.4: a terminated subscription is not cancelled");
        assertEquals(7, channel.tryReceive(), "what was buffered stays receivable");
        assertEquals(CAPACITY, publisher.requested.get(), "rule 2.4: no request after the stream ended");
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::tryReceive).getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("rule 2.13") && cause.getMessage().contains("onError(null)"),
                cause.getMessage());
    }

    /** Found in review: {@code onSubscribe(null)} threw and left the channel open. */
    @Test
    void aNullSubscriptionClosesTheChannelWithIllegalStateException() {
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(s -> {
            assertThrows(NullPointerException.class, () -> s.onSubscribe(null));
        }, CAPACITY);
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::tryReceive).getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("onSubscribe(null)"), cause.getMessage());
    }

    /**
     * Found in review (2026-12-07): {@code onSubscribe(null)} while a subscription was active
     * closed the channel but left that subscription running, its publisher feeding a closed
     * channel (rule 2.6).
     */
    @Test
    void aNullSubscriptionAfterAValidOneCancelsTheValidOne() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        assertThrows(NullPointerException.class, () -> publisher.subscriber.onSubscribe(null));
        assertTrue(channel.isClosedForReceive());
        assertTrue(publisher.cancelled.get(), "the active subscription can only feed a closed channel now");
    }

    /**
     * Found in review (2026-12-07): a publisher that signals inside {@code request} (rule 3.10)
     * and sends {@code null} there gets our rule 2.13 {@link NullPointerException} back out of
     * {@code request}; that was taken for "request threw" and the subscription was never
     * cancelled, against this adapter's Javadoc.
     */
    @Test
    void aNullElementSignalledInsideRequestClosesAndCancels() {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(s -> s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                s.onNext(null); // throws back at this publisher, as rule 2.13 asks of the subscriber
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        }), CAPACITY);
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::tryReceive).getCause();
        assertTrue(cause.getMessage().contains("rule 2.13"), cause.getMessage());
        assertTrue(cancelled.get(), "the subscription is cancelled");
    }

    /**
     * Found in review: {@code cancel(null)} cancelled the subscription and then threw, leaving
     * the channel open and its publisher stopped. The null check comes first now, as on every
     * channel.
     */
    @Test
    void cancelWithANullCauseChangesNothing() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        assertThrows(NullPointerException.class, () -> channel.cancel(null));
        assertFalse(publisher.cancelled.get(), "the subscription was cancelled by a call that threw");
        assertFalse(channel.isClosedForReceive());
        publisher.subscriber.onNext(1);
        assertEquals(1, channel.receive());
    }

    /**
     * Found in review: the iterator counted an element in {@code next()}, but the channel's
     * iterator takes it in {@code hasNext()}, so an iterator left after {@code hasNext()} lost
     * one unit of demand for good; at capacity 1 the channel then stalled.
     */
    @Test
    void anIteratorLeftAfterHasNextStillAsksForTheNextElement() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 1);
        assertEquals(1, publisher.requested.get());
        publisher.subscriber.onNext(1);
        assertTrue(channel.iterator().hasNext()); // takes 1 and holds it; the iterator is then left
        assertEquals(2, publisher.requested.get(), "the element taken by hasNext() was not counted");
        publisher.subscriber.onNext(2);
        assertEquals(2, channel.receive());
        // hasNext() twice, then next(): counted once
        publisher.subscriber.onNext(3);
        final var it = channel.iterator();
        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals(4, publisher.requested.get());
        assertEquals(3, it.next());
        assertEquals(4, publisher.requested.get(), "next() after hasNext() counted the element again");
    }

    @Test
    void aSubscriptionWhoseRequestThrowsClosesTheChannelWithIllegalStateException() {
        final RuntimeException thrown = new RuntimeException("request broke");
        final Flow.Publisher<Integer> publisher = s -> s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                throw thrown;
            }

            @Override
            public void cancel() {
            }
        });
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY);
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::tryReceive).getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("3.16"), cause.getMessage());
        assertSame(thrown, cause.getCause());
    }

    @Test
    void badArgumentsFailFast() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        assertThrows(NullPointerException.class, () -> Channels.fromPublisher(null, CAPACITY));
        final IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> Channels.fromPublisher(publisher, 0));
        assertTrue(zero.getMessage().contains("was 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Channels.fromPublisher(publisher, Integer.MAX_VALUE));
        assertNull(publisher.subscriber, "a rejected call must not subscribe");
    }

    /**
     * Conservation: 1,000,000 elements to four receivers that take them by every receive path,
     * each exactly once. The publisher answers each {@code request(n)} with n synchronous
     * {@code onNext}s (rule 3.10 allows it), so an over-request would overflow the buffer and
     * close the channel, and it fails the test if two calls on its subscription ever overlap
     * (rule 2.7).
     */
    @ParameterizedTest(name = "receivers on {0} threads")
    @EnumSource(ThreadKind.class)
    void aMillionElementsReachFourReceiversEachExactlyOnceWithSerialRequests(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final int total = 1_000_000;
            final RangePublisher publisher = new RangePublisher(total);
            final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 64);
            final AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
            final List<Throwable> failures = new CopyOnWriteArrayList<>();
            final List<Thread> receivers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                final Random random = new Random(r);
                receivers.add(threads.start("receiver-" + r, () -> {
                    try {
                        receiveAll(channel, random, deliveries);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread receiver : receivers) {
                receiver.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(List.of(), publisher.overlappingCalls);
            for (int i = 0; i < total; i++) {
                if (deliveries.get(i) != 1) {
                    throw new AssertionError("element " + i + " was received " + deliveries.get(i) + " times");
                }
            }
        });
    }

    /**
     * Rule 2.7 for {@code cancel}: a {@code cancel()} of the channel racing four receivers'
     * requests reaches the subscription once, and never while a {@code request} (which here
     * signals synchronously) is still running. Added 2026-12-07: a review found that the serial
     * check ran only where nothing was cancelled.
     */
    @ParameterizedTest(name = "receivers on {0} threads")
    @EnumSource(ThreadKind.class)
    void aCancelRacingRequestsReachesTheSubscriptionOnceAndNeverDuringARequest(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final Random random = new Random(27);
            for (int round = 0; round < 200; round++) {
                final RangePublisher publisher = new RangePublisher(Integer.MAX_VALUE);
                final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 4);
                final List<Thread> receivers = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    receivers.add(threads.start("receiver-" + r, () -> {
                        try {
                            for (;;) {
                                channel.receive();
                            }
                        } catch (ChannelClosedException | InterruptedException ended) {
                            // the cancel ends every receiver
                        }
                    }));
                }
                final long until = System.nanoTime() + random.nextInt(200_000);
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                channel.cancel();
                for (Thread receiver : receivers) {
                    receiver.join();
                }
                assertEquals(List.of(), publisher.overlappingCalls, "round " + round);
                assertEquals(1, publisher.cancels.get(), "round " + round);
            }
        });
    }

    /** Takes elements by a random receive path until the channel is closed; a cause is a failure. */
    private static void receiveAll(ReceiveChannel<Integer> channel, Random random, AtomicIntegerArray deliveries)
            throws InterruptedException {
        try {
            for (;;) {
                final Integer element = switch (random.nextInt(4)) {
                    case 0 -> channel.receive();
                    case 1 -> channel.tryReceive();
                    case 2 -> channel.tryReceive(Duration.ofNanos(random.nextInt(100_000)));
                    default -> {
                        final Integer selected = Select.select(channel.onReceive(e -> e));
                        yield selected;
                    }
                };
                if (element != null) {
                    deliveries.incrementAndGet(element);
                }
            }
        } catch (ChannelClosedException closed) {
            if (closed.getCause() != null) {
                throw closed;
            }
        }
    }

    /**
     * Publishes 0 .. total-1 synchronously from {@code request}, then completes, and records any
     * call on the subscription that starts while another is still running.
     */
    private static final class RangePublisher implements Flow.Publisher<Integer> {
        private final int total;
        private final AtomicBoolean inCall = new AtomicBoolean();
        final List<String> overlappingCalls = new CopyOnWriteArrayList<>();
        final AtomicInteger cancels = new AtomicInteger();
        /** Only touched inside calls, which must be serial; the inCall flag publishes it between threads. */
        private int next;

        RangePublisher(int total) {
            this.total = total;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    enter("request(" + n + ")");
                    try {
                        for (long i = 0; i < n && next < total; i++) {
                            s.onNext(next++);
                        }
                        if (next == total) {
                            next++;
                            s.onComplete();
                        }
                    } finally {
                        inCall.set(false);
                    }
                }

                @Override
                public void cancel() {
                    enter("cancel");
                    cancels.incrementAndGet();
                    inCall.set(false);
                }
            });
        }

        private void enter(String call) {
            if (!inCall.compareAndSet(false, true)) {
                overlappingCalls.add(call);
            }
        }
    }
}
