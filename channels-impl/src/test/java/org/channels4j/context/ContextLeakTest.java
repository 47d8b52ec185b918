package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.time.Duration;
import org.channels4j.Context;
import org.channels4j.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15, "No leaks": a long-lived context whose children are created and closed, or left to
 * time out, holds on to none of them, and a group of many short tasks leaves nothing behind.
 * Each test checks the parent's count of registered children and the heap retained after a
 * full collection. A context costs a few hundred bytes with its done channel and
 * registration, so the bound of {@link #RETAINED_BOUND} is below what even 40,000 retained
 * contexts (4% of a million) would hold; a leak of one per child would retain about 200 MB.
 */
@Timeout(120)
class ContextLeakTest {
    private static final int CHILDREN = 1_000_000;
    private static final long RETAINED_BOUND = 8L << 20;
    /**
     * A parent with no live children unlinks its dead registrations every 64 changes
     * ({@code ContextChildren.SWEEP_PERIOD}), so at most that many are linked at any time.
     */
    private static final int DEAD_REGISTRATIONS_BOUND = 64;

    /** Used heap after full collections: what is still reachable, plus allocator slack. */
    private static long retainedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            final Runtime runtime = Runtime.getRuntime();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static void assertRetainedLittle(long before, String what) {
        final long grown = retainedHeap() - before;
        assertTrue(grown < RETAINED_BOUND, what + " retained " + grown + " bytes (bound " + RETAINED_BOUND + ")");
    }

    @Test
    void aMillionClosedChildrenRetainNothing() {
        final Context parent = Context.background().withCancel();
        final long before = retainedHeap();
        for (int i = 0; i < CHILDREN; i++) {
            try (Context child = (i & 1) == 0 ? parent.withCancel() : parent.withTimeout(Duration.ofHours(1))) {
                if (child.isDone()) {
                    throw new AssertionError("a fresh child of a live parent is done");
                }
            }
        }
        assertTrue(ContextRegistrations.registeredChildren(parent) <= DEAD_REGISTRATIONS_BOUND,
                ContextRegistrations.registeredChildren(parent) + " registrations of closed children still linked");
        assertRetainedLittle(before, "a million closed children");
        Reference.reachabilityFence(parent);
    }

    /** Children that time out and that nobody closes, the way Go would leak them until cancel. */
    @Test
    void aMillionTimedOutChildrenNeverClosedRetainLittle() throws InterruptedException {
        final Context parent = Context.background().withCancel();
        final long before = retainedHeap();
        for (int i = 0; i < CHILDREN; i++) {
            parent.withTimeout(Duration.ofNanos(100_000));
        }
        Thread.sleep(1);
        final int registered = ContextRegistrations.registeredChildren(parent);
        assertTrue(registered < CHILDREN / 100, registered + " timed-out children still registered");
        assertRetainedLittle(before, "a million timed-out children");
        Reference.reachabilityFence(parent);
    }

    @Test
    void aGroupOfOneHundredThousandShortTasksRetainsNothing() throws Exception {
        final Context parent = Context.background().withCancel();
        final long before = retainedHeap();
        final Group group = Group.withContext(parent);
        for (int i = 0; i < 100_000; i++) {
            group.go(() -> null);
        }
        group.await();
        assertTrue(ContextRegistrations.registeredChildren(parent) <= 1, "the finished group's context is the parent's only registration");
        assertRetainedLittle(before, "a group of 100,000 finished tasks");
        Reference.reachabilityFence(group);
        Reference.reachabilityFence(parent);
    }
}
