package org.channels4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "Virtual threads": a blocked operation parks and holds no monitor. A thread blocked
 * in each kind of wait (receive, send on a full buffer, timed receive, select with a timeout)
 * is inspected with {@link java.lang.management.ThreadMXBean}, which lists the monitors and
 * ownable synchronizers a platform thread holds (it does not report virtual threads, and a
 * monitor held while parking is the same code on both kinds): the lists must be empty. The
 * lock-free data path is also checked by a grep of the main code (README, "Lock-free").
 */
@Timeout(60)
class NoMonitorWhileBlockedTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelKind.class)
    void aBlockedOperationHoldsNoMonitorAndNoLock(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        final Channel<String> full = Channels.buffered(1);
        full.trySend("filler");
        final Channel<String> rendezvous = Channels.unbuffered();
        final List<Forked<?>> waiters = BlockedWaits.start(ThreadKind.PLATFORM, "", channel, full, rendezvous);
        for (Forked<?> waiter : waiters) {
            final ThreadInfo info = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {waiter.thread().threadId()}, true, true)[0];
            assertEquals(List.of(), Arrays.asList(info.getLockedMonitors()),
                    waiter.thread().getName() + " holds a monitor while it waits");
            assertEquals(List.of(), Arrays.asList(info.getLockedSynchronizers()),
                    waiter.thread().getName() + " holds a lock while it waits");
        }
        full.close();
        rendezvous.close();
        channel.close();
        for (Forked<?> waiter : waiters) {
            waiter.joinEither(); // each ends, returning or throwing the close
        }
    }
}
