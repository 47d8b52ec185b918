package org.channels4j.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.ReceiveChannel;

/**
 * The channels of one round and what the soak knows about them: the element channels (two to
 * six, of random {@link ChannelKind kinds}), who closed each one and with what cause, and the
 * round's timers: one {@code after} that many selects wait on, one {@code tick}, and
 * {@code never}; and the round's {@link Context}, whose {@code done()} selects wait on.
 *
 * <p>Close bookkeeping: every close, by the fault injector, a worker or the end of the round,
 * goes through {@link #close}, which records the cause of the one call that returned
 * {@code true}. Two calls returning {@code true} on one channel, or a sender still allowed in
 * right after a close returned, are violations.
 *
 * <p>Timer checks, at the end of the round: the shared {@code after} delivered exactly one
 * value over the whole round (its delay is shorter than the traffic phase, so it has fired);
 * the {@code tick} delivered no more values than periods elapsed (it drops ticks, never makes
 * them up).
 *
 * <p>Future checks. The round has one {@link CompletableFuture} and one
 * {@code fromFuture} channel of it, which selects and {@code tryReceive}s wait on beside the
 * element channels. In seven rounds of eight the fault injector completes the future at a
 * random instant of the traffic: with a value (half of those), with {@code null},
 * exceptionally, or by {@code cancel} ({@link #completeFuture}). What the channel delivered over the whole round
 * must then match (checked as it is seen and at the end of the round, {@link #checkFuture}):
 * the value exactly once and then a plain close; for {@code null} only a plain close; for a
 * failure only a close with that throwable; for a cancel only a close with one
 * {@link CancellationException}; and nothing at all while the future is not complete.
 *
 * <p>Context checks. The round's context is a child of {@code background()}, half of the
 * time with a deadline somewhere between half the traffic time and three times it, so that
 * some rounds end by their deadline; the fault injector cancels it at a random instant in
 * half of the rounds, and the wind-down cancels it in every round. Every cancel goes through
 * {@link #cancelContext}: at most one returns {@code true}, the cause is then that cancel's
 * (a {@code CancellationException} for {@code cancel()}), and {@code isDone()} is true once
 * any cancel has returned. A select clause on {@code done()} (of the context or of a child
 * made for that one select) may run only its closed branch, with the cause the context
 * reports ({@link #doneSeen}); at the end of the round every cause seen for the round's
 * context must be its final cause, a {@code TimeoutException} only if it has a deadline and
 * no cancel won.
 */
final class RoundChannels {
    private final ChannelKind[] kinds;
    private final Channel<Long>[] channels;
    private final AtomicReferenceArray<Object> closeWinners;
    final ReceiveChannel<Instant> sharedAfter;
    final ReceiveChannel<Instant> tick;
    final ReceiveChannel<Long> never = Channels.never();
    private final long tickPeriodNanos;
    private final long createdNanos = System.nanoTime();
    private final AtomicLong afterValues = new AtomicLong();
    private final AtomicLong tickValues = new AtomicLong();
    /** The round's future; the fault injector may complete it ({@link #completeFuture}). */
    private final CompletableFuture<Long> future = new CompletableFuture<>();
    /** The channel of {@link #future}, shared by every worker of the round. */
    final ReceiveChannel<Long> fromFuture = Channels.fromFuture(future);
    /**
     * How {@link #future} was completed, written just before the completion: the value, the
     * exception, {@link #NULL_VALUE} or {@link #CANCELLED}; null while it is not complete.
     */
    private volatile Object futureEnding;
    private final AtomicLong futureValues = new AtomicLong();
    /** The close causes the future's channel showed: a throwable, or {@link OperationLog#NO_CAUSE}. */
    private final Queue<Object> futureCausesSeen = new ConcurrentLinkedQueue<>();
    private static final Object NULL_VALUE = "completed with null";
    private static final Object CANCELLED = "cancelled";
    /** The round's context: selects wait on its {@code done()} and on its children's. */
    final Context context;
    /** The cause of the one cancel of {@link #context} that returned true; null while none did. */
    private final AtomicReference<Throwable> contextCancelWinner = new AtomicReference<>();
    /** The causes the round context's {@code done()} carried to selects, for the end-of-round check. */
    private final Queue<Throwable> contextCausesSeen = new ConcurrentLinkedQueue<>();

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of generic channels
    RoundChannels(int round, SplittableRandom random, Ledger ledger, long trafficNanos) {
        final int count = 2 + random.nextInt(5);
        kinds = new ChannelKind[count];
        channels = new Channel[count];
        final ChannelKind[] all = ChannelKind.values();
        for (int c = 0; c < count; c++) {
            // the first channel cycles through every kind, so that no kind is left out for long
            kinds[c] = c == 0 ? all[round % all.length] : all[random.nextInt(all.length)];
            channels[c] = kinds[c].open(ledger);
        }
        closeWinners = new AtomicReferenceArray<>(count);
        sharedAfter = Channels.after(Duration.ofNanos(random.nextLong(trafficNanos / 2 + 1)));
        tickPeriodNanos = random.nextLong(200_000, 5_000_000);
        tick = Channels.tick(Duration.ofNanos(tickPeriodNanos));
        context = random.nextBoolean()
                ? Context.background().withCancel()
                : Context.background().withTimeout(Duration.ofNanos(random.nextLong(trafficNanos / 2, 3 * trafficNanos)));
    }

    int size() {
        return channels.length;
    }

    Channel<Long> channel(int c) {
        return channels[c];
    }

    ChannelKind kind(int c) {
        return kinds[c];
    }

    /** "#2 buffered(16)". */
    String describe(int c) {
        return "#" + c + " " + kinds[c];
    }

    /** "unbuffered, buffered(16), unbounded". */
    String describeAll() {
        final StringBuilder s = new StringBuilder();
        for (int c = 0; c < kinds.length; c++) {
            s.append(c == 0 ? "" : ", ").append(kinds[c]);
        }
        return s.toString();
    }

    /**
     * Closes channel {@code c}, with a fresh cause or none, or cancels it (close, then hand what
     * it buffered to the ledger's handler); returns whether this call closed it.
     */
    boolean close(int c, boolean withCause, boolean cancel, String by, Ledger ledger, Tally tally) {
        final Throwable cause = withCause ? new IllegalStateException("soak: " + by + " closed channel #" + c) : null;
        final boolean won = cancel
                ? (cause == null ? channels[c].cancel() : channels[c].cancel(cause))
                : (cause == null ? channels[c].close() : channels[c].close(cause));
        if (won) {
            tally.closed();
            if (!closeWinners.compareAndSet(c, null, cause == null ? OperationLog.NO_CAUSE : cause)) {
                ledger.violation("two close calls on channel " + describe(c) + " both returned true");
            }
        }
        if (!channels[c].isClosedForSend()) {
            ledger.violation("isClosedForSend() was false right after close() returned on " + describe(c));
        }
        return won;
    }

    /** The cause of the close that won on {@code c}: the cause, {@link OperationLog#NO_CAUSE}, or null if open. */
    Object closeWinner(int c) {
        return closeWinners.get(c);
    }

    void afterDelivered() {
        afterValues.incrementAndGet();
    }

    void tickDelivered() {
        tickValues.incrementAndGet();
    }

    /**
     * Completes the round's future in one of four ways, {@code how} from 0 to 3: with a fresh
     * value, with {@code null}, exceptionally, or by {@code cancel}. Records the way first, so
     * that whoever sees the completion through the channel also sees the record.
     */
    void completeFuture(int how, long value) {
        switch (how) {
            case 0 -> {
                final Long v = value;
                futureEnding = v;
                future.complete(v);
            }
            case 1 -> {
                futureEnding = NULL_VALUE;
                future.complete(null);
            }
            case 2 -> {
                final IllegalStateException failure = new IllegalStateException("soak: the fault injector failed the round's future");
                futureEnding = failure;
                future.completeExceptionally(failure);
            }
            default -> {
                futureEnding = CANCELLED;
                future.cancel(false);
            }
        }
    }

    /** A receive on the future's channel got {@code value}: it must be the future's, and come after the completion. */
    void futureDelivered(Long value, String who, Ledger ledger) {
        futureValues.incrementAndGet();
        final Object ending = futureEnding;
        if (!(ending instanceof Long v) || !v.equals(value)) {
            ledger.violation(who + ": fromFuture delivered " + value + ", but the future "
                    + (ending == null ? "was not complete" : "ended with " + ending));
        }
    }

    /** The future's channel was seen closed with {@code cause}: only after the future completed. */
    void futureClosedSeen(Throwable cause, String who, Ledger ledger) {
        futureCausesSeen.add(cause == null ? OperationLog.NO_CAUSE : cause);
        if (futureEnding == null) {
            ledger.violation(who + ": fromFuture's channel was closed (" + cause + ") before its future completed");
        }
    }

    /** One {@code tryReceive} on the future's channel, recorded. */
    void tryFuture(String who, Ledger ledger) {
        try {
            final Long v = fromFuture.tryReceive();
            if (v != null) {
                futureDelivered(v, who, ledger);
            }
        } catch (ChannelClosedException e) {
            futureClosedSeen(e.getCause(), who, ledger);
        }
    }

    /** The future checks; call after every worker was joined and the fault injector stopped. */
    void checkFuture(Ledger ledger) {
        tryFuture("the coordinator", ledger);
        final Object ending = futureEnding;
        final long values = futureValues.get();
        final long expected = ending instanceof Long ? 1 : 0;
        if (values != expected) {
            ledger.violation("fromFuture delivered " + values + " values over the round; its future "
                    + (ending == null ? "was never completed" : "ended with " + ending) + ", so it must deliver " + expected);
        }
        if (ending == null) {
            if (!futureCausesSeen.isEmpty() || fromFuture.isClosedForReceive()) {
                ledger.violation("fromFuture's channel is closed, but its future was never completed");
            }
            return;
        }
        if (!fromFuture.isClosedForReceive()) {
            ledger.violation("fromFuture's channel is not closed after its future ended with " + ending + " and was drained");
        }
        Object first = null;
        for (Object seen : futureCausesSeen) {
            first = first == null ? seen : first;
            final boolean right = ending instanceof Throwable
                    ? seen == ending
                    : ending == CANCELLED ? seen instanceof CancellationException && seen == first
                    : seen == OperationLog.NO_CAUSE;
            if (!right) {
                ledger.violation("fromFuture's channel was seen closed with " + seen + ", but its future ended with " + ending);
                return;
            }
        }
    }

    /** The timer checks; call after every worker was joined. */
    void checkTimers(Ledger ledger) {
        try {
            if (sharedAfter.tryReceive() != null) {
                afterValues.incrementAndGet();
            }
            if (tick.tryReceive() != null) {
                tickValues.incrementAndGet();
            }
        } catch (ChannelClosedException e) {
            ledger.violation("a timer channel reported itself closed: " + e);
        }
        if (afterValues.get() != 1) {
            ledger.violation("after() delivered " + afterValues.get() + " values in a round longer than its delay; "
                    + "it must deliver exactly one");
        }
        final long periods = (System.nanoTime() - createdNanos) / tickPeriodNanos;
        if (tickValues.get() > periods + 1) {
            ledger.violation("tick(" + tickPeriodNanos + " ns) delivered " + tickValues.get() + " values in "
                    + periods + " periods");
        }
    }

    /**
     * Cancels the round's context, with a fresh cause or none; returns whether this call made
     * it done.
     */
    boolean cancelContext(String by, boolean withCause, Ledger ledger) {
        final Throwable cause = withCause ? new IllegalStateException("soak: " + by + " cancelled the round's context") : null;
        final boolean won = cause == null ? context.cancel() : context.cancel(cause);
        final Throwable now = context.cause();
        if (won) {
            if (!contextCancelWinner.compareAndSet(null, now)) {
                ledger.violation("two cancels of the round's context both returned true");
            }
            if (cause != null ? now != cause : !(now instanceof CancellationException)) {
                ledger.violation("the round's context was cancelled by " + by + " with " + (cause == null ? "no cause" : cause)
                        + " but cause() is " + now);
            }
        }
        if (!context.isDone() || now == null) {
            ledger.violation("the round's context was not done right after cancel returned (cause " + now + ")");
        }
        return won;
    }

    /**
     * A select ran the closed branch of a clause on {@code ctx.done()}, with {@code cause}:
     * {@code ctx} is the round's context or a child of it made for that select (and not
     * cancelled by anyone but its parent or a deadline).
     */
    void doneSeen(Context ctx, Throwable cause, String who, Ledger ledger) {
        final Throwable reported = ctx.cause();
        if (cause == null || cause != reported || !ctx.isDone()) {
            ledger.violation(who + ": a select on done() of " + (ctx == context ? "the round's context" : "a child context")
                    + " ran its closed branch with " + cause + " while cause() is " + reported + " and isDone() "
                    + ctx.isDone());
            return;
        }
        if (ctx == context) {
            contextCausesSeen.add(cause);
        } else if (cause != context.cause() && !(cause instanceof TimeoutException && context.deadline().isPresent())) {
            ledger.violation(who + ": a child's done() closed with " + cause + ", neither its parent's cause ("
                    + context.cause() + ") nor a deadline's");
        }
    }

    /** The context checks; call once the wind-down cancelled the context and every thread was joined. */
    void checkContext(Ledger ledger) {
        final Throwable cause = context.cause();
        final Throwable winner = contextCancelWinner.get();
        if (cause == null || !context.isDone()) {
            ledger.violation("the round's context is not done after it was cancelled");
        } else if (winner != null ? cause != winner
                : !(cause instanceof TimeoutException && context.deadline().isPresent())) {
            ledger.violation("the round's context ended with cause " + cause + ", but the cancel that won set "
                    + winner + (winner == null ? " and it has no deadline" : ""));
        }
        for (Throwable seen : contextCausesSeen) {
            if (seen != cause) {
                ledger.violation("a select saw the round's context done with " + seen + ", but its final cause is " + cause);
                break;
            }
        }
    }
}
