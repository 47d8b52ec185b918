package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15, "done() is an ordinary channel": it takes part in a select beside buffered,
 * unbuffered and timer clauses, a blocked receive or select on it ends when the context is
 * cancelled or its deadline passes, and it wakes any number of blocked virtual threads.
 */
@Timeout(120)
class ContextDoneSelectTest {
    private static final Duration LONG = Duration.ofHours(1);

    /** A select over every kind of clause, where only the context can end the wait. */
    private static String selectWithDone(Context ctx, Channel<String> buffered, Channel<String> unbuffered,
                                         ReceiveChannel<Instant> timer) throws InterruptedException {
        final String r = Select.select(
                buffered.onReceive(v -> "buffered " + v),
                unbuffered.onReceive(v -> "unbuffered " + v),
                timer.onReceive(t -> "timer"),
                ctx.done().onReceiveOrClosed(v -> "element on done", cause -> "done: " + cause.getMessage()));
        return r;
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void cancelEndsASelectBlockedBesideBufferedUnbufferedAndTimerClauses(ThreadKind kind) {
        final Context ctx = Context.background().withCancel();
        final Channel<String> buffered = Channels.buffered(4);
        final Channel<String> unbuffered = Channels.unbuffered();
        final Forked<String> selector = Forked.start(kind, "selector",
                () -> selectWithDone(ctx, buffered, unbuffered, Channels.after(LONG)));
        selector.awaitBlocked();

        ctx.cancel(new RuntimeException("shut down"));

        assertEquals("done: shut down", selector.join());
        assertFalse(buffered.isClosedForSend(), "cancelling a context touches no other channel");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void otherClausesStillWinWhileTheContextIsLive(ThreadKind kind) throws InterruptedException {
        final Context ctx = Context.background().withCancel();
        final Channel<String> buffered = Channels.buffered(4);
        final Channel<String> unbuffered = Channels.unbuffered();

        buffered.send("b");
        assertEquals("buffered b", Forked.start(kind, "buffered", () -> selectWithDone(ctx, buffered, unbuffered, Channels.never())).join());

        final Forked<String> selector = Forked.start(kind, "unbuffered",
                () -> selectWithDone(ctx, buffered, unbuffered, Channels.after(LONG)));
        selector.awaitBlocked();
        unbuffered.send("u");
        assertEquals("unbuffered u", selector.join());

        assertEquals("timer", Forked.start(kind, "timer",
                () -> selectWithDone(ctx, buffered, unbuffered, Channels.after(Duration.ofMillis(10)))).join());
        assertFalse(ctx.isDone());
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void deadlineEndsABlockedSelectWithTimeoutException(ThreadKind kind) {
        final Context ctx = Context.background().withTimeout(Duration.ofMillis(50));
        final Forked<Throwable> selector = Forked.start(kind, "selector", () -> {
            final Throwable cause = Select.select(
                    Channels.<String>unbuffered().onReceive(v -> null),
                    ctx.done().onReceiveOrClosed(v -> null, c -> c));
            return cause;
        });
        final Throwable cause = selector.join();
        assertInstanceOf(TimeoutException.class, cause);
        assertSame(ctx.cause(), cause);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void blockedReceiveOnDoneThrowsWithTheCauseWhenCancelled(ThreadKind kind) {
        final Context parent = Context.background().withCancel();
        final Context child = parent.withTimeout(LONG);
        final Forked<Void> receiver = Forked.run(kind, "receiver", () -> child.done().receive());
        receiver.awaitBlocked();
        final IllegalStateException cause = new IllegalStateException("parent gone");

        parent.cancel(cause);

        assertSame(cause, receiver.joinFailure(ChannelClosedException.class).getCause());
        assertTrue(child.done().isClosedForReceive());
    }

    @Test
    void orElseRunsWhileLiveAndTheClosedBranchOnceCancelled() throws InterruptedException {
        final Context ctx = Context.background().withCancel();
        final String before = Select.select(ctx.done().onReceiveOrClosed(v -> "element", c -> "done"), Select.orElse(() -> "live"));
        assertEquals("live", before);
        ctx.cancel();
        final String after = Select.select(ctx.done().onReceiveOrClosed(v -> "element", c -> "done"), Select.orElse(() -> "live"));
        assertEquals("done", after);
    }

    @Test
    void oneHundredThousandVirtualThreadsSelectingOnOneDoneAllWakeOnCancel() {
        assertTimeoutPreemptively(Duration.ofSeconds(100), () -> {
            final int count = 100_000;
            final Context ctx = Context.background().withCancel();
            final Channel<String> other = Channels.unbuffered();
            final RuntimeException cause = new RuntimeException("all stop");
            final LongAdder woken = new LongAdder();
            final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            final List<Thread> blocked = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                blocked.add(Thread.ofVirtual().start(() -> {
                    try {
                        final Throwable c = Select.select(
                                other.onReceive(v -> new AssertionError("nothing was sent")),
                                ctx.done().onReceiveOrClosed(v -> new AssertionError("done delivered an element"), x -> x));
                        if (c == cause) {
                            woken.increment();
                        } else {
                            unexpected.add(c);
                        }
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                }));
            }
            for (Thread t : blocked) {
                while (t.getState() != Thread.State.WAITING) {
                    assertTrue(t.isAlive(), "a thread ended before the cancel");
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }

            Thread.ofVirtual().start(() -> ctx.cancel(cause)).join();

            for (Thread t : blocked) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(unexpected));
            assertEquals(count, woken.sum());
        });
    }
}
