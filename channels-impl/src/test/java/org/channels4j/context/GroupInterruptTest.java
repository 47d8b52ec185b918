package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.ChannelInterruptedException;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Group;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Group}'s two waits that turn an interrupt into {@link ChannelInterruptedException}:
 * {@code go} waiting for a free slot, and {@code close} waiting for the tasks. Each keeps the
 * interrupt status, says in its message what it waited for, and leaves the group whole: a
 * {@code go} that gave up started nothing and counts nothing, so {@code await} ends with the
 * tasks that did start; an interrupted {@code close} cancels the context so the tasks can stop.
 * Found untested in review. The caller runs on either kind of thread.
 */
class GroupInterruptTest {

    /** Runs {@code body} on a thread of {@code kind}; fails with what it threw, or if it blocks. */
    private static void on(ThreadKind kind, Forked.Action body) {
        Forked.run(kind, "group-interrupt", body).join();
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void goInterruptedWhileWaitingForASlotStartsNothingAndSaysWhy(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<Boolean> release = Channels.unbuffered();
            final Group group = Group.withContext(Context.background()).limit(1);
            group.go(() -> release.receive()); // holds the only slot until released
            Thread.currentThread().interrupt();
            final boolean[] ran = new boolean[1];
            final ChannelInterruptedException thrown =
                    assertThrows(ChannelInterruptedException.class, () -> group.go(() -> ran[0] = true));
            assertTrue(Thread.interrupted(), "the interrupt status was not kept");
            assertEquals("interrupted while waiting for a free slot of the group's limit", thrown.getMessage());
            assertInstanceOf(InterruptedException.class, thrown.getCause());
            assertEquals("Group[running=1]", group.toString(), "the refused go was counted");
            release.send(true);
            group.await(); // ends with the one task: the refused go left no count behind
            assertFalse(ran[0], "the task of the refused go ran");
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void closeInterruptedWhileTasksRunCancelsTheContextAndSaysWhy(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Group group = Group.withContext(Context.background());
            final Channel<Boolean> stopped = Channels.buffered(1);
            group.go(() -> {
                try {
                    group.context().done().receive(); // closed when the context is cancelled
                } catch (ChannelClosedException cancelled) {
                    // the context was cancelled: stop
                } finally {
                    stopped.trySend(true);
                }
                return null;
            });
            Thread.currentThread().interrupt();
            final ChannelInterruptedException thrown = assertThrows(ChannelInterruptedException.class, group::close);
            assertTrue(Thread.interrupted(), "the interrupt status was not kept");
            assertEquals("interrupted while waiting for the group's tasks to end", thrown.getMessage());
            assertTrue(group.context().isDone(), "the context was not cancelled for the tasks");
            assertSame(Boolean.TRUE, stopped.receive(), "the task did not stop on the cancelled context");
            group.await();
        });
    }
}
