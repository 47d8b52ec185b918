package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one test: started on one {@link ThreadKind}, joined with a bound, their
 * failures rethrown on the test thread.
 *
 * <p>A test that hangs fails at {@link #joinAll} with the stack of every thread still alive,
 * which is what a hang report needs; {@link #close} then interrupts them so that nothing keeps
 * running into the next test.
 */
public final class Workers implements AutoCloseable {
    /** A worker's body: blocking channel operations throw {@link InterruptedException}. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final ThreadKind kind;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    public Workers(ThreadKind kind) {
        this.kind = kind;
    }

    /** Starts {@code body} on a new thread; an exception it throws fails {@link #joinAll}. */
    public Thread start(String name, Body body) {
        final Thread t = kind.start(name, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        threads.add(t);
        return t;
    }

    /**
     * Starts {@code body} and waits until it is parked in a channel operation: whatever the
     * test does next arrives after it.
     */
    public Thread startParked(String name, Body body) {
        final Thread t = start(name, body);
        awaitParked(t);
        return t;
    }

    /**
     * Waits for every thread to end, at most {@code bound} in all; fails with the stacks of the
     * threads still alive (and the first exception a thread threw as the cause), or with that
     * exception.
     */
    public void joinAll(Duration bound) throws InterruptedException {
        final long deadline = System.nanoTime() + bound.toNanos();
        for (Thread t : threads) {
            final long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
        final StringBuilder stuck = new StringBuilder();
        for (Thread t : threads) {
            if (t.isAlive()) {
                stuck.append(describe(t));
            }
        }
        if (!stuck.isEmpty()) {
            // A worker that threw often leaves its partner blocked: report the throw as the cause.
            fail("threads still running after " + bound + " (hang or livelock"
                    + (failures.isEmpty() ? "" : ", after a worker failed") + "):\n" + stuck, failures.peek());
        }
        rethrowFailures();
    }

    /** Fails with the first exception a worker threw, if any, the others attached. */
    public void rethrowFailures() {
        final Throwable first = failures.peek();
        if (first != null) {
            final AssertionError e = new AssertionError("a worker failed: " + first, first);
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Interrupts the threads still alive, so that a failed test leaves nothing running. */
    @Override
    public void close() throws InterruptedException {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits until {@code t} is parked inside a channel operation (so it has registered as a
     * waiter and anything arriving after this returns arrives second).
     */
    public static void awaitParked(Thread t) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!isParkedInChannel(t)) {
            if (!t.isAlive()) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " never blocked:\n" + describe(t));
            }
            Thread.yield();
        }
    }

    static boolean isParkedInChannel(Thread t) {
        final Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        final Object blocker = LockSupport.getBlocker(t);
        return blocker != null && blocker.getClass().getName().startsWith("org.channels4j.");
    }

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
