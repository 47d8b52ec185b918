package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Group;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15, "Group": the first failure cancels the group's context and interrupts the other
 * tasks, which leave their blocked operations with no effect; {@code await} reports it with
 * later failures suppressed and interrupted tasks not counted; {@code limit} bounds how many
 * tasks run at once. The group's owner (the thread calling {@code go} and {@code await}) runs
 * on platform and virtual threads; tasks always run on virtual threads.
 */
@Timeout(60)
class GroupTest {

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void firstFailureCancelsTheContextAndInterruptsBlockedTasksWhichLeaveNoEffect(ThreadKind kind) {
        final Channel<Integer> unbuffered = Channels.unbuffered();
        final Channel<Integer> full = Channels.buffered(1);
        final Channel<Integer> empty = Channels.buffered(1);
        final AtomicInteger interrupted = new AtomicInteger();
        final Channel<Boolean> blockedTasks = Channels.buffered(3);
        final IllegalStateException failure = new IllegalStateException("task failed");
        final Group group = Group.withContext(Context.background());

        final ExecutionException thrown = Forked.start(kind, "owner", () -> {
            full.send(0);
            group.go(() -> blockThenCount(blockedTasks, interrupted, () -> unbuffered.send(1)));
            group.go(() -> blockThenCount(blockedTasks, interrupted, () -> full.send(2)));
            group.go(() -> blockThenCount(blockedTasks, interrupted, empty::receive));
            for (int i = 0; i < 3; i++) {
                blockedTasks.receive(); // each task is about to block
            }
            group.go(() -> {
                throw failure;
            });
            group.await();
            return null;
        }).joinFailure(ExecutionException.class);

        assertSame(failure, thrown.getCause());
        assertEquals(0, thrown.getSuppressed().length, "tasks that ended by the group's interrupt are not failures");
        assertEquals(3, interrupted.get(), "every blocked task was interrupted");
        assertSame(failure, group.context().cause());
        assertNull(unbuffered.tryReceive(), "the interrupted send handed nothing over");
        assertEquals(0, full.tryReceive());
        assertNull(full.tryReceive(), "the interrupted send on the full buffer added nothing");
        assertTrue(empty.trySend(3), "the interrupted receive took nothing and left no waiter behind");
    }

    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Signals, then blocks (the signal may come a little early: the interrupt is kept anyway). */
    private static Object blockThenCount(Channel<Boolean> blocked, AtomicInteger interrupted, Blocking op)
            throws InterruptedException {
        blocked.send(true);
        try {
            op.run();
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        }
        return null;
    }

    /** Tasks that throw whatever their interrupt status: every failure after the first is suppressed. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void laterFailuresAreSuppressedOnTheExecutionException(ThreadKind kind) {
        final int tasks = 3;
        final Set<Throwable> thrownByTasks = ConcurrentHashMap.newKeySet();
        final Group group = Group.withContext(Context.background());

        final ExecutionException thrown = Forked.start(kind, "owner", () -> {
            for (int i = 0; i < tasks; i++) {
                final RuntimeException failure = new RuntimeException("task " + i);
                group.go(() -> {
                    thrownByTasks.add(failure);
                    throw failure;
                });
            }
            group.await();
            return null;
        }).joinFailure(ExecutionException.class);

        final Set<Throwable> reported = new HashSet<>(List.of(thrown.getSuppressed()));
        reported.add(thrown.getCause());
        assertEquals(tasks - 1, thrown.getSuppressed().length);
        assertEquals(thrownByTasks, reported, "the first failure is the cause and every later one is suppressed");
        assertEquals(0, thrown.getCause().getSuppressed().length, "the tasks' own exceptions are left unchanged");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void limitBoundsHowManyTasksRunAtOnce(ThreadKind kind) {
        final int limit = 3;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Group group = Group.withContext(Context.background()).limit(limit);

        Forked.run(kind, "owner", () -> {
            for (int i = 0; i < 200; i++) {
                group.go(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    running.decrementAndGet();
                    return null;
                });
            }
            group.await();
        }).join();

        assertTrue(mostAtOnce.get() <= limit, "ran " + mostAtOnce.get() + " tasks at once with limit " + limit);
        assertEquals(limit, mostAtOnce.get(), "go should have kept every slot busy");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void tryGoAtTheLimitReturnsFalseWithoutStartingTheTask(ThreadKind kind) {
        final Channel<Boolean> release = Channels.unbuffered();
        final AtomicInteger started = new AtomicInteger();
        final Group group = Group.withContext(Context.background()).limit(2);

        Forked.run(kind, "owner", () -> {
            for (int i = 0; i < 2; i++) {
                assertTrue(group.tryGo(() -> {
                    started.incrementAndGet();
                    return release.receive();
                }));
            }
            assertFalse(group.tryGo(started::incrementAndGet), "both slots are taken");
            release.send(true); // one task ends and frees its slot
            while (!group.tryGo(() -> {
                started.incrementAndGet();
                return release.receive();
            })) {
                Thread.sleep(1); // the slot is freed just after the task's receive returns; never spin
                                 // here: a spinning virtual owner could hold the carrier the task needs
            }
            release.send(true);
            release.send(true);
            group.await();
        }).join();

        assertEquals(3, started.get(), "the task refused by tryGo never ran");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void awaitOnAnEmptyGroupReturnsAndFinishesIt(ThreadKind kind) {
        final Context parent = Context.background().withCancel();
        final Group group = Group.withContext(parent);
        Forked.run(kind, "owner", group::await).join();
        assertInstanceOf(CancellationException.class, group.context().cause(), "a finished group's context is cancelled");
        assertFalse(parent.isDone());
        assertThrows(IllegalStateException.class, () -> group.go(() -> null));
        assertThrows(IllegalStateException.class, () -> group.tryGo(() -> null));
    }

    @Test
    void contextIsLiveWhileTasksRunAndCancelledOnceEveryTaskFinished() throws Exception {
        final Channel<Boolean> release = Channels.unbuffered();
        final Group group = Group.withContext(Context.background());
        final AtomicInteger sawLive = new AtomicInteger();
        group.go(() -> {
            release.receive();
            return group.context().isDone() ? null : sawLive.incrementAndGet();
        });
        final Forked<Void> awaiting = Forked.run(ThreadKind.VIRTUAL, "await", group::await).awaitBlocked();
        assertFalse(group.context().isDone(), "await alone does not cancel while a task runs");
        release.send(true);
        awaiting.join();
        assertEquals(1, sawLive.get());
        assertInstanceOf(CancellationException.class, group.context().cause());
    }

    @Test
    void contextIsCancelledWithItsParent() {
        final Context parent = Context.background().withCancel();
        final Group group = Group.withContext(parent);
        final RuntimeException cause = new RuntimeException("parent gone");
        parent.cancel(cause);
        assertSame(cause, group.context().cause());
    }

    @Test
    void aTaskMayStartMoreTasksWhileTheOwnerAwaits() throws Exception {
        final AtomicInteger ran = new AtomicInteger();
        final Channel<Boolean> release = Channels.unbuffered();
        final Group group = Group.withContext(Context.background());
        group.go(() -> {
            release.receive(); // the owner is in await by now
            for (int i = 0; i < 10; i++) {
                group.go(() -> {
                    Thread.sleep(1);
                    return ran.incrementAndGet();
                });
            }
            return null;
        });
        final Forked<Void> awaiting = Forked.run(ThreadKind.VIRTUAL, "await", group::await).awaitBlocked();
        release.send(true);
        awaiting.join();
        assertEquals(10, ran.get(), "await returned before the tasks' own tasks ended");
    }

    @Test
    void tasksStartedAfterTheFirstFailureRunInterrupted() throws Exception {
        final Group group = Group.withContext(Context.background());
        final RuntimeException failure = new RuntimeException("first");
        group.go(() -> {
            throw failure;
        });
        while (!group.context().isDone()) {
            Thread.onSpinWait();
        }
        final AtomicInteger startedInterrupted = new AtomicInteger();
        group.go(() -> startedInterrupted.addAndGet(Thread.currentThread().isInterrupted() ? 1 : 0));
        final ExecutionException thrown = assertThrows(ExecutionException.class, group::await);
        assertSame(failure, thrown.getCause());
        assertEquals(1, startedInterrupted.get());
    }

    @Test
    void closeAwaitsAndReportsTheFailureUnchecked() {
        final RuntimeException failure = new RuntimeException("boom");
        final Group group = Group.withContext(Context.background());
        final CompletionException thrown = assertThrows(CompletionException.class, () -> {
            try (Group g = group) {
                g.go(() -> {
                    throw failure;
                });
            }
        });
        assertSame(failure, thrown.getCause());
        assertTrue(group.context().isDone());
    }

    @Test
    void closeAfterAwaitDoesNotReportAgain() throws Exception {
        final Group group = Group.withContext(Context.background());
        group.go(() -> {
            throw new RuntimeException("boom");
        });
        assertThrows(ExecutionException.class, group::await);
        group.close();
    }

    @Test
    void badArgumentsFailAtOnceSayingWhatWasWrong() throws Exception {
        assertThrows(NullPointerException.class, () -> Group.withContext(null));
        final Group group = Group.withContext(Context.background());
        assertThrows(NullPointerException.class, () -> group.go(null));
        assertThrows(NullPointerException.class, () -> group.tryGo(null));
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> group.limit(0));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
        group.go(() -> null);
        assertThrows(IllegalStateException.class, () -> group.limit(2));
        group.await();
        final IllegalStateException late = assertThrows(IllegalStateException.class, () -> group.go(() -> null));
        assertTrue(late.getMessage().contains("after await"), late.getMessage());
    }
}
