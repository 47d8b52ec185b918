package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * a subscriber that cancels after ten elements loses none, and a second subscriber gets all
     * the rest, each once and in order.
     */
    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void aCancelledSubscriptionLosesNothingThatANextSubscriberWouldMiss(ThreadKind threads) throws Exception {
        final int total = 1_000;
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor(threads), 8)) {
            final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 4);
            threads.start("submitter", () -> {
                for (int i = 0; i < total; i++) {
                    publisher.submit(i);
                }
                publisher.close();
            });

            final RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
            Channels.asPublisher(channel).subscribe(first);
            first.request(10);
            final List<Integer> received = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                received.add(first.nextElement());
            }
            first.cancel();

            final RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
            Channels.asPublisher(channel).subscribe(second);
            second.request(Long.MAX_VALUE);
            while (received.size() < total) {
                received.add(second.nextElement());
            }
            assertEquals(Optional.empty(), second.awaitTerminal());
            assertEquals(IntStream.range(0, total).boxed().toList(), received);
            assertTrue(first.elementWithin(0) == null && !first.terminated(), "the cancelled one got more");
            first.assertSignalsWereInOrder();
            second.assertSignalsWereInOrder();
        }
    }
}
