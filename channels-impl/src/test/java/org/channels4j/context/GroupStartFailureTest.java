package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.Context;
import org.channels4j.Group;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task whose thread cannot be made or started leaves nothing taken: its slot of the limit and
 * its place in the count of running tasks come back, so later tasks start and {@code await}
 * returns. Groups here are made by {@code Group}'s package-private constructor that takes a
 * thread factory, reached by reflection (tests run on the class path).
 * The working threads are virtual or platform ones, by the parameter.
 */
class GroupStartFailureTest {
    private static final Constructor<Group> WITH_FACTORY;

    static {
        try {
            WITH_FACTORY = Group.class.getDeclaredConstructor(Context.class, ThreadFactory.class);
            WITH_FACTORY.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Group newGroup(ThreadFactory threads) {
        try {
            return WITH_FACTORY.newInstance(Context.background().withCancel(), threads);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails the first {@code failures} calls the way {@code failure} says, then makes threads of {@code kind}. */
    private static ThreadFactory failingFirst(int failures, String failure, boolean virtual) {
        final ThreadFactory working = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().factory();
        final AtomicInteger calls = new AtomicInteger();
        return r -> {
            if (calls.getAndIncrement() >= failures) {
                return working.newThread(r);
            }
            return switch (failure) {
                case "throws" -> throw new OutOfMemoryError("unable to create a thread (test)");
                case "null" -> null;
                case "started" -> { // already started, so the group's start() throws
                    final Thread started = working.newThread(() -> { });
                    started.start();
                    yield started;
                }
                default -> throw new AssertionError(failure);
            };
        };
    }

    private static Group group(int failures, String failure, boolean virtual) {
        return newGroup(failingFirst(failures, failure, virtual));
    }

    /** An {@code await} running on a daemon thread of its own, and what it threw. */
    private record Awaiting(Group group, Thread thread, AtomicReference<Throwable> thrown) {
        static Awaiting start(Group group) {
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    group.await();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            return new Awaiting(group, thread, thrown);
        }

        /** A start failure is the caller's (go rethrows it), not the group's: await returns normally. */
        void assertReturnedNormally(String waitingFor) throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), "await still waits " + waitingFor + ": " + group);
            assertNull(thrown.get(), () -> "await threw: " + thrown.get());
        }
    }

    /** Awaits on another thread, so that a group that waits for a task that never runs fails the test instead of hanging it. */
    private static void awaitsPromptly(Group group) throws InterruptedException {
        Awaiting.start(group).assertReturnedNormally("for a task whose thread never started");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aThreadThatCannotBeMadeGivesBackItsSlotAndItsCount(boolean virtual) throws Exception {
        final Group group = group(1, "throws", virtual).limit(1);
        final OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> group.go(() -> null));
        assertEquals("unable to create a thread (test)", thrown.getMessage());
        assertEquals("Group[running=0]", group.toString());
        final AtomicInteger ran = new AtomicInteger();
        assertTrue(group.tryGo(ran::incrementAndGet), "the failed go kept the only slot");
        awaitsPromptly(group);
        assertEquals(1, ran.get());
        assertTrue(group.context().isDone());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aThreadWhoseStartThrowsIsForgotten(boolean virtual) throws Exception {
        final Group group = group(1, "started", virtual).limit(1);
        assertThrows(IllegalThreadStateException.class, () -> group.go(() -> null));
        assertEquals("Group[running=0]", group.toString());
        final AtomicInteger ran = new AtomicInteger();
        group.go(ran::incrementAndGet); // blocks forever if the slot was not given back
        awaitsPromptly(group);
        assertEquals(1, ran.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFactoryThatMakesNoThreadIsAClearError(boolean virtual) throws Exception {
        final Group group = group(1, "null", virtual);
        final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> group.tryGo(() -> null));
        assertEquals("the group's thread factory made no thread", thrown.getMessage());
        assertEquals("Group[running=0]", group.toString());
        awaitsPromptly(group);
        assertTrue(group.context().isDone());
    }

    /**
     * The go that fails is the last thing a blocked {@code await} waits for: the only task ends
     * while that go's thread factory is still running, so only the failed start's give-back can
     * finish the group. (A review found that the test of this name before 2026-12-07 called
     * {@code await} only after the failed go, so {@code await} finished the group itself, and a
     * give-back that only decremented the count passed.)
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFailedStartDuringAwaitLetsTheGroupFinish(boolean virtual) throws Exception {
        final ThreadFactory working = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().factory();
        final CountDownLatch inFactory = new CountDownLatch(1);
        final CountDownLatch taskEnded = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final Group group = newGroup(r -> {
            if (calls.getAndIncrement() == 0) {
                return working.newThread(r);
            }
            inFactory.countDown();
            try {
                taskEnded.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            throw new OutOfMemoryError("unable to create a thread (test)");
        });
        final CountDownLatch release = new CountDownLatch(1);
        group.go(() -> {
            release.await();
            return null;
        });
        final Awaiting awaiting = Awaiting.start(group);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (awaiting.thread().getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait(); // await is blocked before the go that will fail
        }
        final AtomicReference<Throwable> goThrew = new AtomicReference<>();
        final Thread goer = Thread.ofPlatform().start(() -> {
            try {
                group.go(() -> null);
            } catch (Throwable t) {
                goThrew.set(t);
            }
        });
        inFactory.await();
        release.countDown();
        while (group.toString().startsWith("Group[running=2") && System.nanoTime() - deadline < 0) {
            Thread.sleep(1); // the task has ended; the go in the factory is the last one counted
        }
        taskEnded.countDown();
        goer.join();
        assertSame(OutOfMemoryError.class, goThrew.get().getClass());
        awaiting.assertReturnedNormally("after the last counted go failed to start");
        assertTrue(group.context().isDone());
    }
}
