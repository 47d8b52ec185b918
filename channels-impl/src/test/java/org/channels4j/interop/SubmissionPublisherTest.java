package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.IntStream;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapters against a publisher nobody here wrote: {@link SubmissionPublisher}, delivering
 * on platform threads (the common pool) or on virtual threads, with receivers of the same kind.
 */
class SubmissionPublisherTest {

    /** The publisher's executor: its subscribers' signals run there. */
    private static ExecutorService executor(ThreadKind threads) {
        return threads == ThreadKind.VIRTUAL ? Executors.newVirtualThreadPerTaskExecutor() : ForkJoinPool.commonPool();
    }

    /**
     * A fast publisher and a slow receiver: {@code submit} must be held back by the channel's
     * demand, never overflow it (an overflow would close the channel with an
     * IllegalStateException), and every element must arrive once, in order.
     */
    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void aFastPublisherIsHeldToASlowReceiversPace(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            final int total = 20_000;
            try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor(threads), 8)) {
                final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 4);
                final Thread submitter = threads.start("submitter", () -> {
                    for (int i = 0; i < total; i++) {
                        publisher.submit(i);
                    }
                    publisher.close();
                });
                final List<Integer> received = new ArrayList<>();
                for (int element : channel) {
                    received.add(element);
                    if (element % 2_000 == 0) {
                        Thread.sleep(5);   // slow now and then, so the publisher's buffer fills up
                    }
                }
                submitter.join();
                assertEquals(IntStream.range(0, total).boxed().toList(), received);
            }
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void closeExceptionallyClosesTheChannelWithTheCause(ThreadKind threads) throws Exception {
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor(threads), 8)) {
            final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 4);
            publisher.submit(1);
            publisher.submit(2);
            assertEquals(1, channel.receive());
            assertEquals(2, channel.receive());
            final IllegalStateException failure = new IllegalStateException("source broke");
            publisher.closeExceptionally(failure);
            assertSame(failure, assertThrows(ChannelClosedException.class, channel::receive).getCause());
        }
    }

    /**
     * Cancel in the middle of a pipeline, SubmissionPublisher to fromPublisher to asPublisher:
     * a subscriber that cancels while it still has demand, waiting for more, takes nothing
     * after the cancel, and a second subscriber gets all the rest, each once and in order. The
     * submitter holds back the rest until the cancel has returned, so that the cancelled
     * subscription is waiting on an empty channel with demand left when it is cancelled (a
     * review found that the test before 2026-12-07 cancelled at zero demand, where a cancel
     * that did nothing also passed).
     */
    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void aCancelledSubscriptionLosesNothingThatANextSubscriberWouldMiss(ThreadKind threads) throws Exception {
        final int total = 1_000;
        final int beforeCancel = 10;
        final CountDownLatch cancelled = new CountDownLatch(1);
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor(threads), 8)) {
            final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 4);
            final Thread submitter = threads.start("submitter", () -> {
                try {
                    for (int i = 0; i < total; i++) {
                        if (i == beforeCancel) {
                            cancelled.await();
                        }
                        publisher.submit(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                publisher.close();
            });

            final RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
            Channels.asPublisher(channel).subscribe(first);
            first.request(2 * beforeCancel); // demand left over once it has the first ten
            final List<Integer> received = new ArrayList<>();
            for (int i = 0; i < beforeCancel; i++) {
                received.add(first.nextElement());
            }
            Thread.sleep(100); // let it wait on the empty channel with its demand of ten
            first.cancel();
            cancelled.countDown();

            final RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
            Channels.asPublisher(channel).subscribe(second);
            second.request(Long.MAX_VALUE);
            while (received.size() < total) {
                final Integer next = second.nextElement();
                assertNotNull(next, "the second subscriber waited 10 s for element " + received.size()
                        + ": the cancelled subscription took it");
                received.add(next);
            }
            assertEquals(Optional.empty(), second.awaitTerminal());
            submitter.join();
            assertEquals(IntStream.range(0, total).boxed().toList(), received);
            assertNull(first.elementWithin(100), "the cancelled subscription took an element");
            assertTrue(!first.terminated(), "a cancelled subscription is signalled nothing more");
            first.assertSignalsWereInOrder();
            second.assertSignalsWereInOrder();
        }
    }
}
