package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.channels4j.testing.ChildJvm;
import org.channels4j.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DependentWait}'s rule for virtual threads, at the places that must follow it rather
 * than in {@code pause} itself ({@link DependentWaitTest}): a virtual thread inside one of the
 * production waits on another thread's step never leaves its carrier. A site that yields,
 * parks, or calls anything else that unmounts, instead of {@code DependentWait.pause}, lets the
 * virtual thread queued behind the waiter run on the one carrier of the child JVM
 * ({@link DependentWaitSitesMain}), and the site's line then says {@code ranDuringWait=true}.
 *
 * <p>Reached: every {@code pause} call of {@code RingBuffer} but one, both of
 * {@code SegmentedQueue}, and {@code UnbufferedChannel.findPartner}'s. Not reached:
 * {@code RingBuffer.displaceOldest}'s wait, as a producer that does not own its designated
 * position, for that position's consumer to free the slot; it happens only when a consumer
 * claims the position between the producer's own claim and its next read of the consumer
 * index, a window of a few instructions that the test cannot hold open. Also not reached: the
 * other half of the rule, that a platform thread yields after {@link DependentWait#SPINS}
 * rounds, since whether a platform thread yielded cannot be seen without timing the operating
 * system's scheduler. A site that loops on {@code Thread.onSpinWait} itself behaves on a
 * virtual thread exactly as {@code pause} does, so only the scan below catches it.
 */
class DependentWaitSitesTest {
    /** Each site's expected line; the results are what the production call returns once the step is finished. */
    private static final List<String> EXPECTED = List.of(
            "RingBuffer.poll, position claimed, not published: result=x",
            "RingBuffer.offer, slot claimed by a consumer, not freed: result=b",
            "RingBuffer.poll, position designated for a displacing producer: result=b",
            "RingBuffer.offerDisplacingOldest, slot claimed by a consumer, not freed: result=NOTHING_DROPPED",
            "RingBuffer.displaceOldest, behind an earlier displacing producer: result=c dropped=[b]",
            "RingBuffer.displaceOldest, designated position not published, then owned after a cancel: result=a",
            "RingBuffer.drainDiscarded, position claimed, not published: result=[x]",
            "SegmentedQueue.poll, position claimed, not published: result=x",
            "SegmentedQueue.drainDiscarded, position claimed, not published: result=[x]",
            "UnbufferedChannel.findPartner, partner of a smaller id still re-checking: result=x");

    /**
     * Planted (2026-12-07), one at a time: {@code Thread.yield()} in place of {@code pause} at
     * each reached site, and {@code LockSupport.parkNanos} at {@code findPartner}'s;
     * {@link DependentWaitTest} passed on every one, and this test failed on each with that
     * site's line reading {@code ranDuringWait=true}.
     */
    @Test
    @Timeout(180)
    void aVirtualThreadInEachReachableDependentWaitNeverLeavesItsCarrier() throws Exception {
        final String out = ChildJvm.run(Duration.ofSeconds(60), ChildJvm.carriers(1), DependentWaitSitesMain.class);
        final String expected = String.join("\n", EXPECTED.stream()
                .map(l -> l.replace(": result=", ": waited=true ranDuringWait=false ranAfterYield=true result="))
                .toList());
        assertEquals(expected, out.strip(), "a virtual thread left its carrier inside a dependent wait"
                + " (ranDuringWait=true), or a site did not wait for the step (waited=false)");
    }

    private static final Pattern CALLS = Pattern.compile(
            "Thread\\.yield\\(|Thread\\.onSpinWait\\(|LockSupport\\.park\\w*\\(|DependentWait\\.pause\\(");

    /**
     * A supplement to the test above, not a test of behaviour: a scan of the main sources that
     * fixes where the library yields, spins and parks. {@code Thread.yield} only in
     * {@code DependentWait}; {@code Thread.onSpinWait} only there, in {@code Waiter} (the spin
     * before a park, and before the park behind a holder, which is not a dependent wait) and in
     * {@code Selection.pollBeforeRegistering}; parks only in {@code Waiter}; and
     * {@code DependentWait.pause} called as often as the sites {@code DependentWait}'s list
     * names. It catches a site that spins by itself, which the test above cannot tell from
     * {@code pause}, and a site the test above does not reach; a new dependent wait, or one
     * that goes, changes the count here as well as the list there.
     */
    @Test
    void yieldsSpinsAndParksAreWhereDependentWaitSaysTheyAre() throws IOException {
        final Path root = RepositoryRoot.of(DependentWaitSitesTest.class,
                Path.of("channels-impl/src/test/java/org/channels4j/impl/DependentWaitSitesTest.java"));
        final Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("channels-impl/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final Matcher m = CALLS.matcher(Files.readString(f));
                while (m.find()) {
                    final String call = m.group().replaceAll("\\(", "").replaceAll("park\\w+", "park");
                    found.merge(f.getFileName() + " " + call, 1, Integer::sum);
                }
            }
        }
        final Map<String, Integer> expected = new TreeMap<>(Map.of(
                "DependentWait.java Thread.yield", 1,
                "DependentWait.java Thread.onSpinWait", 1,
                "Waiter.java Thread.onSpinWait", 2,
                "Waiter.java LockSupport.park", 3,
                "Selection.java Thread.onSpinWait", 1,
                "RingBuffer.java DependentWait.pause", 8,
                "SegmentedQueue.java DependentWait.pause", 2,
                "UnbufferedChannel.java DependentWait.pause", 1));
        assertEquals(expected, found, "a yield, spin or park outside the places DependentWait and Waiter name,"
                + " or a dependent wait that does not go through DependentWait.pause");
    }
}
