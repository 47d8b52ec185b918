package org.channels4j;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.channels4j.spi.DoneChannel;

/**
 * Go's {@code context}: cancellation and deadlines that flow from a caller to everything it
 * started, with a {@link #done()} channel to select on.
 *
 * <pre>{@code
 * try (Context ctx = Context.background().withTimeout(Duration.ofSeconds(2))) {
 *     String r = Select.select(
 *             results.onReceive(v -> "got " + v),
 *             ctx.done().onReceiveOrClosed(v -> "unreachable", cause -> "gave up: " + cause));
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A context is <em>done</em> once it is cancelled ({@link #cancel()}, {@link #cancel(Throwable)},
 *       {@link #close()}), once an ancestor is cancelled, or once its deadline has passed. Being
 *       done is final, and {@link #cause()} never changes once it is non-null.</li>
 *   <li>{@link #done()} is an ordinary channel that never delivers an element and is closed, with
 *       {@link #cause()} as its close cause, once the context is done: a blocked
 *       {@code receive()} throws {@link ChannelClosedException}, a select clause
 *       {@code onReceiveOrClosed(v -> ..., cause -> ...)} runs its closed branch, beside any other
 *       clause.</li>
 *   <li>Cancelling a context cancels every descendant that is not already done, at once, with
 *       the same cause object: from the instant the cancel takes effect, every descendant's
 *       {@code isDone()}, {@code cause()} and {@code done()} say so, and every thread blocked
 *       on a descendant's {@code done()} has been woken by the time {@code cancel} returns,
 *       with one exception: where a concurrent cancel of the same context or of a descendant
 *       had already taken a context's children (the walk takes each list once, atomically),
 *       that other cancel wakes them, and until its thread runs again they stay parked. So
 *       when two threads cancel one context at once, the call that loses may return before
 *       the winner has woken every descendant (in Go the loser waits on the context's mutex
 *       until the winner is done). This is the one wait of a context that can depend on a
 *       descheduled thread.
 *       The first of cancel and deadline wins: a cancel after the deadline has passed returns
 *       {@code false} and the cause stays the {@link TimeoutException}, and a descendant whose
 *       deadline passed before an ancestor's cancel reports its {@link TimeoutException}, as
 *       Go's timer would have fixed it, even if nobody looked at it in between.</li>
 *   <li>A child's deadline is never later than its parent's: {@link #withTimeout} and
 *       {@link #withDeadline} take the earlier of the two. A deadline that has already passed
 *       makes the child done at creation. A context past its deadline reports a
 *       {@link TimeoutException} (message {@code "context deadline exceeded"}): its own, or
 *       that of an ancestor whose passed deadline was noticed first (an ancestor's deadline
 *       is never earlier, so it has passed too).</li>
 *   <li>Deadlines start no thread and schedule no task: a thread blocked on {@code done()} parks
 *       until the deadline, as receivers of {@link Channels#after} do, and any reader that finds
 *       the deadline passed fixes the cause.</li>
 *   <li>{@link #close()} cancels the context and releases its registration in its parent, so
 *       that creating and closing children of a long-lived context retains nothing. Unlike Go,
 *       a child that is never closed does not stay registered for ever either: once a child's
 *       own cancel has woken its descendants, or its deadline has passed, its registration is
 *       dead (a child done only because an ancestor was cancelled stays until that ancestor's
 *       walk takes it), and the
 *       parent unlinks dead registrations in a sweep after as many registrations and releases
 *       as it had live children at its last sweep (at least 64). So a parent holds its live
 *       children and at most about as many dead registrations as it had live children at its
 *       last sweep, however many children came and went. That bound follows the past peak,
 *       not the present: children that all time out and are never closed stay linked, dead,
 *       until that many more registrations and releases run the next sweep (Go's timer unlinks
 *       each at its deadline; here nothing runs then). Close a timed child when done with it,
 *       as in Go.</li>
 * </ul>
 *
 * <h2>Decisions where Go differs or is silent</h2>
 * <ul>
 *   <li>{@link #background()} is never done; {@code cancel} on it returns {@code false} and
 *       does nothing, and its {@code done()} is {@link Channels#never()}.</li>
 *   <li>{@link #cancel()} uses a new {@link CancellationException} ({@code "context cancelled"},
 *       Go's {@code context.Canceled}) and a deadline a new {@link TimeoutException}
 *       ({@code "context deadline exceeded"}), both without a stack trace, which would only
 *       show who noticed and costs microseconds per context; {@link #cancel(Throwable)} is Go 1.20's
 *       {@code WithCancelCause}, and descendants get that very cause.</li>
 *   <li>Timeouts of more than about 146 years (the range of {@link System#nanoTime()}) mean no
 *       deadline of the child's own; negative timeouts are rejected.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * The state of a context is its done channel ({@link DoneChannel}, made by the provider): one
 * word set once by CAS, which a descendant's channel adopts from its nearest done ancestor when
 * it is read, so a cancel takes effect for the whole subtree at its CAS (Lincheck checks this).
 * Each cancellable context keeps its children in a lock-free list ({@code ContextChildren}).
 * Creating a child pushes it (a CAS) and then re-checks the parent's cause; a cancel fixes the
 * cause and then takes the whole list (an atomic swap), cancelling each child (which wakes the
 * threads blocked on its channel). Whichever comes second sees the other, so a child created
 * while its parent is being cancelled is either created cancelled or cancelled by the parent,
 * never missed. A cancel walks the tree of descendants with a work list, not
 * recursion, so deep chains cannot overflow the stack.
 */
public final class Context implements AutoCloseable {
    /** Timeouts this long or longer give no deadline: {@code nanoTime} arithmetic would overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE >> 1;
    private static final Context BACKGROUND = new Context(null, null, false, 0L, null);

    /** The context that registered this one and will cancel it; null when nobody will. */
    private final Context parent;
    /** The state; null only for {@link #background()}. */
    private final DoneChannel doneChannel;
    private final boolean timed;
    /** {@link System#nanoTime()} of the deadline, when {@link #timed}. */
    private final long deadlineNanos;
    /** The deadline as reported; null when not {@link #timed}. */
    private final Instant deadline;
    /** Children to cancel with this context; null for {@link #background()}, which is never cancelled. */
    private final ContextChildren children;
    /**
     * Set once this context's own cancel has walked all its descendants: from then on its
     * parent's sweep may unlink it ({@link #sweepable()}). Volatile: the walk's closes come
     * before it for the sweeper.
     */
    private volatile boolean walked;

    private Context(Context parent, DoneChannel doneChannel, boolean timed, long deadlineNanos, Instant deadline) {
        this.parent = parent;
        this.doneChannel = doneChannel;
        this.timed = timed;
        this.deadlineNanos = deadlineNanos;
        this.deadline = deadline;
        this.children = doneChannel == null ? null : new ContextChildren();
    }

    /**
     * The root context (Go's {@code context.Background()}): never done, no deadline. Every other
     * context descends from it.
     *
     * @return the root context, one instance shared by all callers
     */
    public static Context background() {
        return BACKGROUND;
    }

    /**
     * A child that is done when {@link #cancel()} is called on it or when this context is done
     * (Go's {@code context.WithCancel}). It has this context's deadline.
     *
     * @return a new child; already done if this context is
     */
    public Context withCancel() {
        return child(false, 0L, null);
    }

    /**
     * A child whose deadline is the earlier of this context's and now + {@code timeout}
     * (Go's {@code context.WithTimeout}).
     *
     * @param timeout zero or more; zero gives a child that is done at creation
     * @return a new child
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Context withTimeout(Duration timeout) {
        Channels.requireNonNegative(timeout, "timeout");
        if (timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0) {
            return child(false, 0L, null);
        }
        final long nanos = timeout.toNanos();
        return child(true, System.nanoTime() + nanos, Instant.now().plusNanos(nanos));
    }

    /**
     * A child whose deadline is the earlier of this context's and {@code deadline}
     * (Go's {@code context.WithDeadline}).
     *
     * @param deadline a wall-clock instant; one already past gives a child that is done at creation
     * @return a new child
     * @throws NullPointerException if {@code deadline} is null
     */
    public Context withDeadline(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        final Duration fromNow = Duration.between(Instant.now(), deadline);
        final long nanos; // within [0, FOREVER_NANOS], so that differences of deadlines never overflow
        if (fromNow.isNegative()) {
            nanos = 0; // passed: due at once
        } else if (fromNow.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0) {
            nanos = FOREVER_NANOS;
        } else {
            nanos = fromNow.toNanos();
        }
        return child(true, System.nanoTime() + nanos, deadline);
    }

    /**
     * Makes a child whose deadline is the earlier of this context's and the one given, then
     * registers it to be cancelled with this context. Each of the two deadline forms takes its
     * own minimum, so the child is neither reported nor fired later than its parent.
     */
    private Context child(boolean ownTimed, long ownNanos, Instant ownDeadline) {
        boolean childTimed = ownTimed;
        long childNanos = ownNanos;
        Instant childDeadline = ownDeadline;
        if (timed) {
            if (!childTimed || deadlineNanos - childNanos < 0) {
                childNanos = deadlineNanos;
            }
            if (!childTimed || deadline.isBefore(childDeadline)) {
                childDeadline = deadline;
            }
            childTimed = true;
        }
        final DoneChannel channel = ProviderLookup.provider().doneChannel(doneChannel, childTimed, childNanos);
        final Context child = new Context(this == BACKGROUND ? null : this, channel,
                childTimed, childNanos, childDeadline);
        if (child.parent != null && !child.isDone()) {
            register(child);
        }
        return child;
    }

    private void register(Context child) {
        children.add(child); // the push CAS publishes the child before the re-check
        final Throwable c = cause(); // re-check: a cancel that took the list before our push is seen here
        if (c != null) {
            child.cancelTree(c);
        }
    }

    /**
     * This context's deadline, if it or an ancestor has one.
     *
     * @return the deadline, or empty
     */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * Cancels this context and every descendant with a new {@link CancellationException}.
     *
     * @return {@code true} if this call made the context done
     */
    public boolean cancel() {
        return doneChannel != null && cancel(new ContextCancelledException());
    }

    /**
     * Cancels this context and every descendant not already done with {@code cause}
     * (Go's {@code WithCancelCause}), and releases its registration in its parent (the parent
     * unlinks released entries in batches: see the class comment). Idempotent:
     * only the first cancel, and only if the deadline has not passed first, fixes the cause.
     *
     * @param cause what {@link #cause()} and the close cause of {@link #done()} will be
     * @return {@code true} if this call made the context done
     * @throws NullPointerException if {@code cause} is null
     */
    public boolean cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause; use cancel() to cancel without one of your own");
        if (doneChannel == null) {
            return false; // background is never cancelled
        }
        final boolean won = doneChannel.close(cause);
        cancelTree(cause());
        return won;
    }

    /**
     * Once this context is done: cancels its descendants, each with its own parent's cause (a
     * descendant already done keeps its own), and drops every registration on the way,
     * including this context's in its parent.
     */
    private void cancelTree(Throwable cause) {
        doneChannel.close(cause); // no-op when called from cancel: the cause is fixed already
        if (parent != null) {
            parent.children.childDone();
        }
        final ArrayDeque<Context> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            final Context ctx = pending.pop();
            final Throwable inherited = ctx.cause();
            ctx.children.takeAll(kid -> {
                kid.doneChannel.close(inherited); // wakes the kid's waiters; a kid already done keeps its cause
                pending.push(kid);
            });
        }
        walked = true; // after every close above: the parent's sweep may unlink us now
    }

    /**
     * Whether the parent's sweep may unlink this context's registration: its own cancel has
     * walked its descendants, or its deadline has passed, and with it every descendant's, whose
     * waiters park no later than that. Being done is not enough: a context done only because an
     * ancestor was cancelled must stay reachable to that ancestor's walk, or its children's
     * waiters would never be woken ({@code ContextChildren}, "Done is not dead").
     */
    boolean sweepable() {
        return walked || timed && System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * Same as {@link #cancel()}: for try-with-resources, as Go code writes
     * {@code defer cancel()}. Releases this context's registration in its parent, as
     * {@link #cancel(Throwable)} does.
     */
    @Override
    public void close() {
        cancel();
    }

    /**
     * A channel that is closed, with {@link #cause()} as its cause, once this context is done.
     * It never delivers an element. Use it in a select
     * ({@code ctx.done().onReceiveOrClosed(v -> ..., cause -> ...)}) or block on
     * {@code receive()}, which then throws {@link ChannelClosedException}.
     *
     * <p>The instance is the provider's {@link org.channels4j.spi.DoneChannel}; its
     * {@code close(Throwable)} is for this class only. Closing it through that SPI type makes
     * this context done but skips the walk that cancels its descendants and unlinks it from its
     * parent (a decision: the SPI stays open to other providers, and a cast into it is outside
     * the API). Cancel the context instead.
     *
     * @return the done channel; the same instance on every call
     */
    public ReceiveChannel<Void> done() {
        return doneChannel == null ? Channels.never() : doneChannel;
    }

    /**
     * Why this context is done: null while it is not; a {@link CancellationException} after
     * {@link #cancel()}; a {@link TimeoutException} once the deadline passed first; or the cause
     * given to {@link #cancel(Throwable)}, by this context or the ancestor that cancelled it.
     *
     * @return the cause, or null
     */
    public Throwable cause() {
        return doneChannel == null ? null : doneChannel.cause();
    }

    /**
     * Whether this context is done: cancelled, or past its deadline.
     *
     * @return {@code true} once {@link #cause()} is non-null
     */
    public boolean isDone() {
        return cause() != null;
    }

    /** Child registrations still linked, live or dead: for tests that nothing is retained. */
    int registeredChildren() {
        return children == null ? 0 : children.linked();
    }

    /**
     * The cause of {@link #cancel()}: a {@link CancellationException} without a stack trace,
     * because every {@code close()} of every child makes one, and capturing the stack would
     * cost microseconds each time (Go's {@code context.Canceled} is a plain value too).
     */
    private static final class ContextCancelledException extends CancellationException {
        @Serial
        private static final long serialVersionUID = 1L;

        ContextCancelledException() {
            super("context cancelled");
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public String toString() {
        if (this == BACKGROUND) {
            return "Context.background";
        }
        final Throwable c = cause();
        return "Context[" + (c == null ? "live" : "done: " + c)
                + (deadline == null ? "" : ", deadline " + deadline) + "]";
    }
}
