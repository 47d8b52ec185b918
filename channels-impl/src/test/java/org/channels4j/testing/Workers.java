package org.channels4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads of one test, each a {@link Forked} on one {@link ThreadKind}, joined with one
 * bound and their failures rethrown on the test thread.
 *
 * <p>A test that hangs fails at {@link #joinAll} with the stack of every thread still alive,
 * which is what a hang report needs; {@link #close} then interrupts them so that nothing keeps
 * running into the next test.
 */
public final class Workers implements AutoCloseable {
    private final ThreadKind kind;
    private final List<Forked<Void>> forks = new ArrayList<>();

    public Workers(ThreadKind kind) {
        this.kind = kind;
    }

    /** Starts {@code body} on a new thread; an exception it throws fails {@link #joinAll}. */
    public Forked<Void> start(String name, Forked.Action body) {
        final Forked<Void> forked = Forked.run(kind, name, body);
        forks.add(forked);
        return forked;
    }

    /**
     * Starts {@code body} and waits until it is parked in a channel operation
     * ({@link Forked#awaitBlocked}): whatever the test does next arrives after it.
     */
    public Forked<Void> startParked(String name, Forked.Action body) {
        return start(name, body).awaitBlocked();
    }

    /**
     * Waits for every thread to end, at most {@code bound} in all; fails with the stacks of the
     * threads still alive (and the first exception a thread threw as the cause), or with that
     * exception.
     */
    public void joinAll(Duration bound) {
        final long deadline = System.nanoTime() + bound.toNanos();
        final StringBuilder stuck = new StringBuilder();
        for (Forked<Void> f : forks) {
            if (!f.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                stuck.append(Forked.describe(f.thread()));
            }
        }
        if (!stuck.isEmpty()) {
            // A worker that threw often leaves its partner blocked: report the throw as the cause.
            final Throwable first = firstFailure();
            fail("threads still running after " + bound + " (hang or livelock"
                    + (first == null ? "" : ", after a worker failed") + "):\n" + stuck, first);
        }
        final Throwable first = firstFailure();
        if (first != null) {
            final AssertionError e = new AssertionError("a worker failed: " + first, first);
            forks.stream().map(Forked::failure).filter(t -> t != null && t != first).forEach(e::addSuppressed);
            throw e;
        }
    }

    private Throwable firstFailure() {
        return forks.stream().map(Forked::failure).filter(t -> t != null).findFirst().orElse(null);
    }

    /** Interrupts the threads still running, so that a failed test leaves nothing running. */
    @Override
    public void close() {
        for (Forked<Void> f : forks) {
            f.interrupt();
        }
        for (Forked<Void> f : forks) {
            f.awaitEnd(Duration.ofSeconds(5));
        }
    }
}
