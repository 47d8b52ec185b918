package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.channels4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DependentWait}'s rule for virtual threads: a virtual thread waiting on another thread's
 * step never leaves its carrier, however long the wait, so that a virtual thread inside a
 * window (claim to publication) stays mounted and a virtual waiter only ever waits for a
 * running thread. Yielding there let a displacing producer be unmounted inside its window
 * while waiters yielded in a loop on both carriers, and stalled the soak for 30 s (2026-12-05).
 *
 * <p>With one carrier, a virtual thread queued behind the waiter can run only if the waiter
 * leaves the carrier; it must not have run when the wait ends, and must run once the waiter
 * yields for real (which shows the check can see a yield). The workload runs in a child JVM
 * ({@link DependentWaitCarrierMain}) because the carrier count is fixed when the scheduler
 * starts. Planting a yield for virtual threads (dropping the {@code isVirtual()} test in
 * {@code pause}) makes it fail with {@code ranDuringWait=true}.
 *
 * <p>The platform-thread half of the rule, the yield after {@link DependentWait#SPINS} spins,
 * is what keeps displacing producers on platform threads moving with more threads than cores;
 * {@code ConservationTest}'s {@code DROP_OLDEST} kinds are its test.
 *
 * <p>This tests {@code pause} itself; that the production waits call it is
 * {@link DependentWaitSitesTest}'s.
 */
class DependentWaitTest {
    @Test
    @Timeout(120)
    void aVirtualThreadWaitingOnAnotherThreadsStepNeverLeavesItsCarrier() throws Exception {
        final String out = ChildJvm.run(Duration.ofSeconds(60), ChildJvm.carriers(1), DependentWaitCarrierMain.class);
        assertEquals("virtual=true ranDuringWait=false ranAfterYield=true", out.strip(),
                "a virtual thread left its carrier inside a dependent wait");
    }

    /**
     * The round count saturates instead of wrapping to negative, where a platform thread would
     * stop yielding and the re-check's give-up would be looked at only every 16th round.
     */
    @Test
    void theRoundCountSaturates() {
        assertEquals(1, DependentWait.pause(0));
        assertEquals(DependentWait.SPINS + 1, DependentWait.pause(DependentWait.SPINS));
        assertEquals(Integer.MAX_VALUE, DependentWait.pause(Integer.MAX_VALUE - 1));
        assertEquals(Integer.MAX_VALUE, DependentWait.pause(Integer.MAX_VALUE));
    }
}
