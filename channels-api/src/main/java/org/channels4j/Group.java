package org.channels4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * Go's {@code errgroup}: tasks on virtual threads that share a {@link Context}, where the first
 * failure cancels the context and stops the other tasks, and {@link #await()} reports it.
 *
 * <pre>{@code
 * try (Group group = Group.withContext(Context.background().withTimeout(Duration.ofSeconds(5)))) {
 *     for (String url : urls) {
 *         group.go(() -> fetch(group.context(), url));
 *     }
 *     group.await();   // throws ExecutionException with the first failure
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@link #go} runs each task on a new virtual thread. With {@link #limit(int) limit(n)},
 *       at most n tasks run at once: {@code go} blocks the caller until a running task ends,
 *       and {@link #tryGo} returns {@code false} instead.</li>
 *   <li>A task <em>fails</em> when it throws anything. The first failure cancels the group's
 *       context with that exception as the cause and interrupts every other task of the group,
 *       those running and those started later, so a task blocked in {@code send},
 *       {@code receive} or {@code select} leaves it with no effect.</li>
 *   <li>{@link #await()} waits for every task, then throws an {@link ExecutionException}
 *       whose cause is the first failure; each later failure is added to that
 *       {@code ExecutionException} as suppressed (the tasks' own exceptions are not modified).
 *       A task that ends, after the first failure, by throwing {@link InterruptedException} or
 *       {@link ChannelInterruptedException} (or an exception caused by one) was stopped by the
 *       group and does not count as a failure.</li>
 *   <li>The group's context is a child of the parent given to {@link #withContext}, so it is
 *       cancelled when the parent is. It is also cancelled (with a
 *       {@link java.util.concurrent.CancellationException}, as in Go) when the group
 *       <em>finishes</em>: once {@link #await()} (or {@link #close()}) has been called and no
 *       task is running. So it is done by the time {@code await} returns or throws
 *       {@code ExecutionException}, and its registration in the parent is freed.</li>
 *   <li>{@code go} and {@code tryGo} are accepted until the group finishes, so a running task
 *       may start more tasks while {@code await} waits, as in Go; after the group finished they
 *       throw {@link IllegalStateException}. Null tasks throw {@link NullPointerException}, a
 *       limit below 1 {@link IllegalArgumentException}, and {@code limit} once a task was
 *       started {@link IllegalStateException} (Go panics there too).</li>
 *   <li>Cancellation of the parent context alone does not interrupt tasks: as in Go, tasks
 *       that should stop select on {@code context().done()}.</li>
 *   <li>Everything works on platform threads too: the caller of {@code go}, {@code await} and
 *       {@code close} may be any thread.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * One word, {@code state}, holds the count of tasks started and not yet ended and a bit set
 * by the first {@code await}; the group finishes when the word becomes "awaited, none
 * running", which exactly one update does, and that update cancels the context and closes
 * {@code finished}, the channel {@code await} blocks on. The limit is a buffered channel of
 * capacity n used as a semaphore: {@code go} sends a token before it starts a task, the task
 * takes one back when it ends. The first failure is fixed by CAS; running tasks' threads are
 * kept in a concurrent set, added before the thread starts, and a task that starts re-checks
 * the failure after that, so no task escapes the interrupt.
 */
public final class Group implements AutoCloseable {
    /** The bit of {@link #state} set by the first {@code await}. */
    private static final long AWAITED = 1L << 62;
    private static final Boolean SLOT = Boolean.TRUE;

    private static final VarHandle STATE;
    private static final VarHandle FIRST_FAILURE;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Group.class, "state", long.class);
            FIRST_FAILURE = lookup.findVarHandle(Group.class, "firstFailure", Throwable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Context context;
    /** Makes each task's thread: virtual threads, unless a test gives another factory. */
    private final ThreadFactory threads;
    /** Closed when the group finishes. Nothing is ever sent on it. */
    private final Channel<Boolean> finished = Channels.unbuffered();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final Queue<Throwable> laterFailures = new ConcurrentLinkedQueue<>();
    /** The semaphore of {@link #limit}; null when unlimited. */
    private volatile Channel<Boolean> slots;
    /** Whether {@code go} or {@code tryGo} was ever called: {@link #limit} is refused after. */
    private volatile boolean started;
    /** Tasks started and not ended, plus {@link #AWAITED}. */
    private volatile long state;
    private volatile Throwable firstFailure;
    /** Whether an {@code await} has returned or thrown its {@code ExecutionException}. */
    private volatile boolean awaited;

    private Group(Context context) {
        this(context, Thread.ofVirtual().factory());
    }

    /** For tests: a group whose tasks' threads come from {@code threads}. */
    Group(Context context, ThreadFactory threads) {
        this.context = context;
        this.threads = threads;
    }

    /**
     * A group whose context is a new child of {@code parent}.
     *
     * @param parent the context the group's context descends from
     * @return a new group with no limit
     * @throws NullPointerException if {@code parent} is null
     */
    public static Group withContext(Context parent) {
        Objects.requireNonNull(parent, "parent context; use Context.background() for none");
        return new Group(parent.withCancel());
    }

    /**
     * The group's context: done once a task failed, the parent is done, or the group finished.
     *
     * @return the context, the same on every call
     */
    public Context context() {
        return context;
    }

    /**
     * Lets at most {@code n} tasks run at once (errgroup's {@code SetLimit}). Call it before the
     * first {@code go} or {@code tryGo}, from the thread that starts them: like errgroup's
     * {@code SetLimit}, it is not meant to race with them, and a call that does may or may not
     * see that a task started. {@link Integer#MAX_VALUE} means no limit.
     *
     * <p>The limit is a buffered channel of {@code n} slots, one token a running task, and its
     * buffer is allocated when the limit is set, about 12 bytes a slot ({@link Channels#buffered});
     * errgroup's channel of empty tokens allocates none. So for "no limit" pass
     * {@link Integer#MAX_VALUE}, which makes no channel, not a large {@code n}.
     *
     * @param n at least 1
     * @return this group
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws IllegalStateException if a task was already started
     * @throws OutOfMemoryError if the heap cannot hold {@code n} slots
     */
    public Group limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("group limit must be at least 1, was " + n);
        }
        if (started) {
            throw new IllegalStateException("limit must be set before the first go or tryGo");
        }
        slots = n == Integer.MAX_VALUE ? null : Channels.buffered(n);
        return this;
    }

    /**
     * Runs {@code task} on a new virtual thread, first waiting for a free slot if a
     * {@link #limit} is set.
     *
     * @param task the task; its result is ignored
     * @throws NullPointerException if {@code task} is null
     * @throws IllegalStateException if the group has finished
     * @throws ChannelInterruptedException if the caller is interrupted while it waits for a
     *         slot; the task was not started and the interrupt status stays set
     * @throws RuntimeException or {@link Error} thrown by starting the task's thread (an
     *         {@link OutOfMemoryError}, say): the task was not started, and its slot and its
     *         place in the count of running tasks are given back, so {@code await} does not
     *         wait for it
     */
    public void go(Callable<?> task) {
        Objects.requireNonNull(task, "task");
        enter();
        final Channel<Boolean> limit = slots;
        if (limit != null) {
            try {
                limit.send(SLOT);
            } catch (InterruptedException interrupted) {
                taskEnded();
                Thread.currentThread().interrupt(); // keep the status set, as documented
                throw new ChannelInterruptedException("interrupted while waiting for a free slot of the group's limit", interrupted);
            } catch (RuntimeException | Error failed) {
                taskEnded(); // an OutOfMemoryError making the wait's node, say: the task never started
                throw failed;
            }
        }
        start(task, limit);
    }

    /**
     * Runs {@code task} on a new virtual thread if a slot is free now (errgroup's {@code TryGo}).
     *
     * @param task the task; its result is ignored
     * @return {@code false}, without starting the task, if {@link #limit} tasks are running
     * @throws NullPointerException if {@code task} is null
     * @throws IllegalStateException if the group has finished
     * @throws RuntimeException or {@link Error} thrown by starting the task's thread, as for
     *         {@link #go}: the task was not started and nothing is left taken
     */
    public boolean tryGo(Callable<?> task) {
        Objects.requireNonNull(task, "task");
        enter();
        final Channel<Boolean> limit = slots;
        if (limit != null && !limit.trySend(SLOT)) {
            taskEnded();
            return false;
        }
        start(task, limit);
        return true;
    }

    /** Counts a task in, unless the group has finished. */
    private void enter() {
        started = true;
        for (;;) {
            final long s = state;
            if (s == AWAITED) {
                throw new IllegalStateException("go after await: the group has finished");
            }
            // CAS: a finished group must never gain a task, so the check and the count are one step
            if (STATE.compareAndSet(this, s, s + 1)) {
                return;
            }
        }
    }

    /**
     * Starts the task's thread. If making or starting it throws, no thread runs the task, so
     * this gives back what {@code go} took (the slot and the count) and rethrows: a group whose
     * count kept a task that never runs would make {@code await} wait forever.
     */
    private void start(Callable<?> task, Channel<Boolean> limit) {
        Thread thread = null;
        try {
            thread = threads.newThread(() -> run(task, limit));
            if (thread == null) {
                throw new IllegalStateException("the group's thread factory made no thread");
            }
            running.add(thread); // before start: a failure from now on finds it here, or run sees the failure
            thread.start();
        } catch (Throwable notStarted) {
            if (thread != null) {
                running.remove(thread);
            }
            if (limit != null) {
                limit.tryReceive(); // our token is in the buffer
            }
            taskEnded();
            throw notStarted;
        }
    }

    private void run(Callable<?> task, Channel<Boolean> limit) {
        final Thread self = Thread.currentThread();
        try {
            if (firstFailure != null) {
                self.interrupt(); // started after the first failure, maybe after its interrupt sweep
            }
            task.call();
        } catch (Throwable failure) {
            failed(failure, self);
        } finally {
            running.remove(self);
            if (limit != null) {
                limit.tryReceive(); // our token is in the buffer, so this never comes back empty
            }
            taskEnded();
        }
    }

    private void failed(Throwable failure, Thread self) {
        // CAS: exactly one failure is the first; it alone cancels and interrupts
        if (FIRST_FAILURE.compareAndSet(this, null, failure)) {
            context.cancel(failure);
            for (Thread other : running) {
                if (other != self) {
                    other.interrupt();
                }
            }
        } else if (!causedByInterrupt(failure)) {
            laterFailures.add(failure);
        }
    }

    /** Whether {@code failure} or one of its first causes is an interrupt. */
    private static boolean causedByInterrupt(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: causes may cycle
            if (t instanceof InterruptedException || t instanceof ChannelInterruptedException) {
                return true;
            }
        }
        return false;
    }

    private void taskEnded() {
        if ((long) STATE.getAndAdd(this, -1L) - 1 == AWAITED) {
            finish();
        }
    }

    /** Exactly one state update reaches "awaited, none running"; its maker calls this. */
    private void finish() {
        context.cancel(); // first, so the context is done when await returns
        finished.close();
    }

    /**
     * Waits until every task has ended (tasks started by tasks meanwhile included), then
     * reports the first failure. The group finishes here if no task is running.
     *
     * @throws ExecutionException if a task failed: the first failure is the cause, later ones
     *         are suppressed
     * @throws InterruptedException if interrupted while waiting; the tasks keep running and a
     *         later {@code await} or {@code close} waits for them
     */
    public void await() throws InterruptedException, ExecutionException {
        if ((long) STATE.getAndBitwiseOr(this, AWAITED) == 0) {
            finish(); // nothing was running: this update made the state "awaited, none running"
        }
        try {
            finished.receive();
        } catch (ChannelClosedException groupFinished) {
            // the only way out: nothing is ever sent on it
        }
        awaited = true;
        final Throwable first = firstFailure;
        if (first != null) {
            final ExecutionException failure = new ExecutionException("a task of the group failed: " + first, first);
            laterFailures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Awaits the group unless an {@link #await()} already returned or threw
     * {@code ExecutionException}; for try-with-resources.
     *
     * @throws CompletionException if a task failed: the first failure is the cause, later ones
     *         are suppressed, as for {@link #await()}
     * @throws ChannelInterruptedException if interrupted while waiting; the interrupt status
     *         stays set and the group's context is cancelled, so that the tasks can stop
     */
    @Override
    public void close() {
        if (awaited) {
            return;
        }
        try {
            await();
        } catch (ExecutionException failed) {
            final CompletionException unchecked = new CompletionException(failed.getMessage(), failed.getCause());
            for (Throwable later : failed.getSuppressed()) {
                unchecked.addSuppressed(later);
            }
            throw unchecked;
        } catch (InterruptedException interrupted) {
            context.cancel();
            Thread.currentThread().interrupt(); // keep the status set, as documented
            throw new ChannelInterruptedException("interrupted while waiting for the group's tasks to end", interrupted);
        }
    }

    @Override
    public String toString() {
        final long s = state;
        return "Group[running=" + (s & ~AWAITED) + ((s & AWAITED) != 0 ? ", awaited" : "")
                + (firstFailure != null ? ", failed: " + firstFailure : "") + "]";
    }
}
