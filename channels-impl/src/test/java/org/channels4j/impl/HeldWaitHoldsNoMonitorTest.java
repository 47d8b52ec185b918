package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contract, "Virtual threads": a blocked operation parks and holds no monitor, for the one park
 * {@code NoMonitorWhileBlockedTest}'s waits never reach (found in review, 2026-12-07): an
 * operation whose re-check found the channel ready while a completer holds it, which parks in
 * {@link Waiter#decidedOutcome} until the completer decides ({@link HeldDuringRecheckChannel}).
 * The thread is inspected with {@link java.lang.management.ThreadMXBean} while it is parked
 * there, as that test does: a platform thread, since the bean does not report virtual threads
 * and the code is the same on both kinds. The stack must show {@code decidedOutcome}, so the
 * test cannot pass by looking at another wait.
 */
@Timeout(60)
class HeldWaitHoldsNoMonitorTest {
    @Test
    void aWaitBehindAHolderHoldsNoMonitorAndNoLock() {
        final HeldDuringRecheckChannel ch = new HeldDuringRecheckChannel(Forked.PATIENCE.toMillis());
        final Forked<Object> waiter = Forked.start(ThreadKind.PLATFORM, "held", ch::receive);
        ThreadInfo info;
        do {
            LockSupport.parkNanos(1_000_000);
            info = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {waiter.thread().threadId()}, true, true)[0];
        } while (!(Forked.isParkedInChannel(waiter.thread()) && parkedIn(info, "decidedOutcome")) && !waiter.isDone());
        assertTrue(parkedIn(info, "decidedOutcome"), "the receive parks behind the holder: " + Arrays.toString(info.getStackTrace()));
        assertEquals(List.of(), Arrays.asList(info.getLockedMonitors()), "holds a monitor while it waits behind the holder");
        assertEquals(List.of(), Arrays.asList(info.getLockedSynchronizers()), "holds a lock while it waits behind the holder");
        ch.release.countDown();
        assertEquals("x", waiter.join());
    }

    private static boolean parkedIn(ThreadInfo info, String method) {
        return info != null && Arrays.stream(info.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(Waiter.class.getName()) && f.getMethodName().equals(method));
    }
}
