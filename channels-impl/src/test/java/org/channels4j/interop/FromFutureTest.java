package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Channels#fromFuture}: one value to one receiver, then closed; failures and
 * cancellation as close causes; one callback on the stage, however often it is selected on.
 */
class FromFutureTest {

    @Test
    void aStageCompletedBeforeTheSelectIsReadyAtOnce() throws Exception {
        final Channel<String> quit = Channels.unbuffered();
        final ReceiveChannel<String> reply = Channels.fromFuture(CompletableFuture.completedFuture("pong"));
        final String outcome = Select.select(reply.onReceive(v -> "reply " + v), quit.onReceive(q -> "quit"));
        assertEquals("reply pong", outcome);
        assertTrue(reply.isClosedForReceive(), "one value, then closed");
    }

    @ParameterizedTest(name = "select on {0} thread")
    @EnumSource(ThreadKind.class)
    void aStageCompletedWhileTheSelectWaitsWakesIt(ThreadKind threads) throws Exception {
        final CompletableFuture<String> future = new CompletableFuture<>();
        final ReceiveChannel<String> reply = Channels.fromFuture(future);
        final Channel<String> quit = Channels.unbuffered();
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        final Thread selector = threads.start("selector", () -> {
            try {
                outcome.complete(Select.select(reply.onReceive(v -> "reply " + v), quit.onReceive(q -> "quit")));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        awaitParked(selector);
        future.complete("pong");
        assertEquals("reply pong", outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void iterationYieldsTheValueOnceAndEnds() {
        final ReceiveChannel<Integer> answer = Channels.fromFuture(CompletableFuture.completedFuture(42));
        assertEquals(List.of(42), answer.stream().toList());
    }

    @Test
    void exceptionalCompletionClosesWithTheCauseUnwrapped() {
        final CompletableFuture<String> source = new CompletableFuture<>();
        final CompletionStage<String> dependent = source.thenApply(s -> s + "!");   // fails wrapped in CompletionException
        final ReceiveChannel<String> direct = Channels.fromFuture(source);
        final ReceiveChannel<String> viaDependent = Channels.fromFuture(dependent);
        final IllegalStateException failure = new IllegalStateException("lookup failed");
        source.completeExceptionally(failure);

        assertSame(failure, assertThrows(ChannelClosedException.class, direct::receive).getCause());
        assertSame(failure, assertThrows(ChannelClosedException.class, viaDependent::receive).getCause());
    }

    @Test
    void cancellationClosesWithTheCancellationException() throws Exception {
        final CompletableFuture<String> future = new CompletableFuture<>();
        final ReceiveChannel<String> reply = Channels.fromFuture(future);
        future.cancel(false);
        final Throwable cause = Select.select(reply.onReceiveOrClosed(v -> null, c -> c));
        assertInstanceOf(CancellationException.class, cause);
    }

    @Test
    void aNullValueClosesTheChannelWithoutAnElement() throws Exception {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ReceiveChannel<Void> channel = Channels.fromFuture(done);
        assertFalse(channel.isClosedForReceive());
        done.complete(null);
        final String outcome = Select.select(
                channel.onReceiveOrClosed(v -> "a value", cause -> cause == null ? "done" : "failed"));
        assertEquals("done", outcome);
    }

    /**
     * 100,000 selects that each wait on a never-completing future's channel and then time out:
     * the stage still has exactly one dependent (the callback registered at creation), and the
     * heap retained afterwards has not grown by anything like a registration per select.
     */
    @ParameterizedTest(name = "select on {0} thread")
    @EnumSource(ThreadKind.class)
    void selectingManyTimesOnANeverCompletingFutureRegistersAndRetainsNothing(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final int selects = 100_000;
            final CompletableFuture<String> never = new CompletableFuture<>();
            final ReceiveChannel<String> channel = Channels.fromFuture(never);
            final var waitOnFuture = channel.onReceive(v -> "value");
            final var giveUp = Select.onTimeout(Duration.ofNanos(1_000), () -> "timeout");
            final long[] retained = new long[2];
            // Forked rethrows on the test thread whatever the selector threw, a wrong outcome included
            Forked.run(threads, "selector", () -> {
                retained[0] = usedHeapAfterGc();
                for (int i = 0; i < selects; i++) {
                    final String outcome = Select.select(waitOnFuture, giveUp);
                    if (!outcome.equals("timeout")) {
                        throw new AssertionError("select " + i + " gave " + outcome);
                    }
                }
                retained[1] = usedHeapAfterGc();
            }).join(Duration.ofSeconds(55));

            assertEquals(1, never.getNumberOfDependents(), "callbacks registered on the stage");
            final long growth = retained[1] - retained[0];
            // A registration left behind per select would retain at least 16 bytes each: 1.6 MB.
            assertTrue(growth < 1_000_000, "retained heap grew by " + growth + " bytes over " + selects + " selects");
        });
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.getState(), "the select never parked");
    }
}
