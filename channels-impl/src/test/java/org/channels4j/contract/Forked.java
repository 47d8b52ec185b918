package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.opentest4j.AssertionFailedError;

/**
 * One operation run on its own thread, with every wait on it bounded: a test that finds a bug
 * fails after {@link #PATIENCE} with the thread's stack instead of hanging the build.
 *
 * <p>Besides the body's result or exception it records the thread's interrupt status at the
 * moment the body ended, which is what the interrupt rules of the contract are about.
 *
 * <p>{@link #awaitBlocked()} is how tests order threads: it returns once the thread is parked
 * ({@link Thread.State#WAITING} or {@link Thread.State#TIMED_WAITING}) in
 * {@link LockSupport} under a channels4j frame, that is, blocked in a channel operation and
 * not, say, waiting for a class to be initialized.
 *
 * @param <T> the body's result type
 */
public final class Forked<T> {
    /** The longest any single wait in a test may take before the test fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    static {
        warmUp();
    }

    /** A body that returns a value. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** A body that returns nothing. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    /** The interrupt status when the body ended; written before {@link #outcome} completes. */
    private volatile boolean interruptedAtEnd;

    private Forked(ThreadKind kind, String name, Body<T> body) {
        this.thread = kind.builder().name(name).unstarted(() -> {
            try {
                final T value = body.run();
                interruptedAtEnd = Thread.currentThread().isInterrupted();
                outcome.complete(value);
            } catch (Throwable t) {
                interruptedAtEnd = Thread.currentThread().isInterrupted();
                outcome.completeExceptionally(t);
            }
        });
    }

    /** Starts {@code body} on a new thread of the given kind. */
    public static <T> Forked<T> start(ThreadKind kind, String name, Body<T> body) {
        final Forked<T> forked = new Forked<>(kind, name, body);
        forked.thread.start();
        return forked;
    }

    /** Starts {@code action} on a new thread of the given kind. */
    public static Forked<Void> run(ThreadKind kind, String name, Action action) {
        return start(kind, name, () -> {
            action.run();
            return null;
        });
    }

    public Thread thread() {
        return thread;
    }

    public void interrupt() {
        thread.interrupt();
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Waits until the thread is parked inside a channel operation.
     *
     * @return this
     * @throws AssertionFailedError if the body ended instead, or the thread did not park in time
     */
    public Forked<T> awaitBlocked() {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (outcome.isDone()) {
                throw new AssertionFailedError(thread.getName() + " should have blocked, but " + describeOutcome());
            }
            final Thread.State state = thread.getState();
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && parkedInChannels(thread.getStackTrace())) {
                return this;
            }
            LockSupport.parkNanos(100_000);
        }
        throw new AssertionFailedError(thread.getName() + " did not block within " + PATIENCE + "; it is at\n" + stack());
    }

    private static boolean parkedInChannels(StackTraceElement[] stack) {
        boolean parks = false;
        boolean inChannels = false;
        for (StackTraceElement frame : stack) {
            final String cls = frame.getClassName();
            if (cls.equals(LockSupport.class.getName()) && frame.getMethodName().startsWith("park")) {
                parks = true;
            }
            if (cls.startsWith("org.channels4j.") && !cls.startsWith("org.channels4j.contract.")) {
                inChannels = true;
            }
        }
        return parks && inChannels;
    }

    /**
     * Waits for the body to return normally.
     *
     * @return its result
     * @throws AssertionFailedError if it threw, or did not end within {@link #PATIENCE}
     */
    public T join() {
        try {
            return outcome.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionFailedError(thread.getName() + " should have returned normally, but threw " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw notDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("the test thread was interrupted while joining " + thread.getName(), e);
        }
    }

    /**
     * Waits for the body to throw.
     *
     * @return what it threw, which must be a {@code type}
     * @throws AssertionFailedError if it returned normally, threw something else, or did not end
     *         within {@link #PATIENCE}
     */
    public <X extends Throwable> X joinFailure(Class<X> type) {
        try {
            final T value = outcome.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
            throw new AssertionFailedError(thread.getName() + " should have thrown " + type.getSimpleName()
                    + ", but returned " + value);
        } catch (ExecutionException e) {
            if (type.isInstance(e.getCause())) {
                return type.cast(e.getCause());
            }
            throw new AssertionFailedError(thread.getName() + " should have thrown " + type.getSimpleName()
                    + ", but threw " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw notDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("the test thread was interrupted while joining " + thread.getName(), e);
        }
    }

    /** Waits for the body to end either way; true if it returned normally. */
    public boolean joinEither() {
        try {
            outcome.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (TimeoutException e) {
            throw notDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("the test thread was interrupted while joining " + thread.getName(), e);
        }
    }

    /**
     * Waits until one of {@code forks} has ended, so that a test can check which one did without
     * first waiting out {@link #PATIENCE} on the wrong one.
     *
     * @return the index of an ended fork (the lowest, if several have)
     */
    public static int awaitAnyDone(List<? extends Forked<?>> forks) {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (int i = 0; i < forks.size(); i++) {
                if (forks.get(i).isDone()) {
                    return i;
                }
            }
            LockSupport.parkNanos(100_000);
        }
        throw new AssertionFailedError("none of " + forks.size() + " threads finished within " + PATIENCE);
    }

    /** The interrupt status the thread had when its body ended; only after a join. */
    public boolean interruptedAtEnd() {
        if (!outcome.isDone()) {
            throw new IllegalStateException("join first");
        }
        return interruptedAtEnd;
    }

    private AssertionFailedError notDone() {
        return new AssertionFailedError(thread.getName() + " did not finish within " + PATIENCE
                + " (state " + thread.getState() + "); it is at\n" + stack());
    }

    private String describeOutcome() {
        try {
            return "it returned " + outcome.getNow(null);
        } catch (Exception e) {
            return "it threw " + e.getCause();
        }
    }

    private String stack() {
        return Arrays.stream(thread.getStackTrace()).map(f -> "\tat " + f).collect(Collectors.joining("\n"));
    }

    /**
     * Runs each blocking path once, so that no test thread is ever found waiting for a channels4j
     * class to be initialized by another.
     */
    private static void warmUp() {
        try {
            final Duration brief = Duration.ofMillis(1);
            Channels.<String>unbuffered().tryReceive(brief);
            Channels.<String>unbuffered().trySend("warm-up", brief);
            final Channel<String> one = Channels.buffered(1);
            one.trySend("warm-up");
            one.trySend("warm-up", brief);
            one.tryReceive(brief);
            Channels.<String>unbounded().tryReceive(brief);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
