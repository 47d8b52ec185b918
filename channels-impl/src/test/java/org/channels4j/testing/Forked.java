package org.channels4j.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.opentest4j.AssertionFailedError;

/**
 * One operation run on its own thread of a {@link ThreadKind}, with every wait on it bounded: a
 * test that finds a bug fails after {@link #PATIENCE} with the thread's stack instead of
 * hanging the build.
 *
 * <p>Besides the body's result or exception it records the thread's interrupt status at the
 * moment the body ended, which is what the interrupt rules of the contract are about.
 *
 * <p>{@link #awaitBlocked()} is how tests order threads, and {@link #isParkedInChannel} is the
 * one definition of "blocked" every test uses: the thread is {@link Thread.State#WAITING} or
 * {@link Thread.State#TIMED_WAITING} in {@link LockSupport} with a park blocker of a channels4j
 * class, that is, parked inside a channel operation (channels4j parks with its waiter as the
 * blocker), and not spinning before the park, waiting for a class to be initialized, or parked
 * in a latch of the test's own.
 *
 * @param <T> the body's result type
 */
public final class Forked<T> {
    /** The longest any single wait in a test may take before the test fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

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

    /**
     * One round of a test thread's wait for another thread: spins on a platform thread, yields
     * on a virtual one. A virtual thread that spins keeps its carrier, and a thread it has just
     * woken, or one started while it spins, may be queued behind it: on JDK 21 the other carrier
     * may not take that thread for as long as the spin lasts ({@code .ci/probes/WakeThenSpin.java}).
     * {@code WaitQueueCleanupSelectInternalTest} failed that way in every Java 21 run until its
     * producer paused like this. A spinning thread also ignores the interrupt of
     * {@link Workers#close}, so after a failure it keeps its carrier into the next tests.
     */
    public static void pause() {
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    public void interrupt() {
        thread.interrupt();
    }

    /** Whether the body has ended, either way. */
    public boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Waits until the thread is parked inside a channel operation ({@link #isParkedInChannel}):
     * whatever the test does next arrives after it registered.
     *
     * @return this
     * @throws AssertionFailedError if the body ended instead, or the thread did not park in time
     */
    public Forked<T> awaitBlocked() {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!isParkedInChannel(thread)) {
            if (outcome.isDone()) {
                throw new AssertionFailedError(thread.getName() + " should have blocked, but " + describeOutcome());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionFailedError(thread.getName() + " did not block within " + PATIENCE + ":\n"
                        + describe(thread));
            }
            LockSupport.parkNanos(100_000);
        }
        return this;
    }

    /** Whether {@code t} is parked inside a channel operation right now (see the class comment). */
    public static boolean isParkedInChannel(Thread t) {
        final Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        final Object blocker = LockSupport.getBlocker(t);
        return blocker != null && blocker.getClass().getName().startsWith("org.channels4j.");
    }

    /**
     * Waits for the body to return normally.
     *
     * @return its result
     * @throws AssertionFailedError if it threw, or did not end within {@link #PATIENCE}
     */
    public T join() {
        return join(PATIENCE);
    }

    /**
     * Waits at most {@code bound} for the body to return normally, for bodies that are meant to
     * run longer than {@link #PATIENCE}.
     *
     * @return its result
     * @throws AssertionFailedError if it threw, or did not end within {@code bound}
     */
    public T join(Duration bound) {
        try {
            return outcome.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionFailedError(thread.getName() + " should have returned normally, but threw " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw notDone(bound);
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
            throw notDone(PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("the test thread was interrupted while joining " + thread.getName(), e);
        }
    }

    /**
     * Waits for the thread itself to terminate, after its body ended ({@link #join} returns
     * when the body's result is set, while the thread may still be exiting): for a test that
     * reads what the thread leaves behind on exit, such as its Flight Recorder buffer.
     */
    public void awaitTerminated() throws InterruptedException {
        if (!thread.join(PATIENCE)) {
            throw new AssertionFailedError(thread.getName() + " did not terminate within " + PATIENCE);
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
            throw notDone(PATIENCE);
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

    /** Waits at most {@code bound} for the body to end, either way; true if it has. */
    boolean awaitEnd(Duration bound) {
        try {
            outcome.handle((v, e) -> null).get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("handle() never completes exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("the test thread was interrupted while joining " + thread.getName(), e);
        }
    }

    /** What the body threw, or null if it returned normally or is still running. */
    Throwable failure() {
        return outcome.isCompletedExceptionally() ? outcome.exceptionNow() : null;
    }

    private AssertionFailedError notDone(Duration waited) {
        return new AssertionFailedError(thread.getName() + " did not finish within " + waited + ":\n" + describe(thread));
    }

    private String describeOutcome() {
        final Throwable failure = failure();
        return failure != null ? "it threw " + failure : "it returned " + outcome.getNow(null);
    }

    /** The thread's name, kind, state and stack, as a hang report needs them. */
    static String describe(Thread t) {
        final StringBuilder b = new StringBuilder()
                .append('"').append(t.getName()).append("\" ")
                .append(t.isVirtual() ? "virtual " : "platform ")
                .append(t.getState()).append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            b.append("    at ").append(frame).append('\n');
        }
        return b.toString();
    }
}
