package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pipeline stage waits on a long-lived context's done channel over and over, and each wait
 * ends some other way (here a timeout, in a stage its input). Every wait registers on the done
 * channel; the registrations left behind must be dropped, or a stage that runs for days would
 * grow the done channel's queue by one node per wait.
 */
@Timeout(60)
class DeadlineChannelCleanupTest {
    private static final int WAITS = 10_000;
    /** Long enough that each wait registers and parks before its timeout. */
    private static final Duration SHORT = Duration.ofNanos(100_000);

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void waitsThatEndElsewhereLeaveABoundedQueue(ThreadKind kind) {
        final DeadlineChannel done = new DeadlineChannel(null, false, 0L);
        final int timedOut = Forked.start(kind, "stage", () -> {
            int count = 0;
            for (int i = 0; i < WAITS; i++) {
                final int r = Select.select(done.onReceiveOrClosed(v -> 0, c -> 0), Select.onTimeout(SHORT, () -> 1));
                count += r;
            }
            return count;
        }).join();

        assertEquals(WAITS, timedOut);
        assertTrue(ChannelInternals.linkedWaiters(done) <= 2 * WaitQueue.SWEEP_PERIOD,
                "dead registrations still linked on the done channel: " + ChannelInternals.linkedWaiters(done));
    }
}
