package org.channels4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract, "Virtual threads": a blocked operation parks its virtual thread without pinning the
 * carrier. Virtual threads block in each kind of wait (receive, send on a full buffer, timed
 * receive, select with a timeout) on every {@link ChannelKind}, are woken by a close, and the
 * JDK's own {@code jdk.VirtualThreadPinned} event, recorded with no threshold, must name none of
 * them.
 *
 * <p>Only the second of two rounds of the same waits is checked; both are recorded, because
 * the recording itself makes the first wait load JFR's event class. In a first round a
 * virtual thread can be pinned for a few milliseconds by the JDK's class loading: a contended
 * monitor in {@code BuiltinClassLoader.loadClassOrNull} ("Freeze or preempt failed") and a wait
 * for another thread's initialization of a channels4j class, both seen when this test checked
 * its first round. That happens once per class in a JVM and is not a channel's wait.
 *
 * <p>The control: a virtual thread that makes a timed receive inside a class initializer, where
 * no JDK can unmount it, must appear in the same recording, so an empty list means the
 * channels' parks unmounted and not that the recording could not see a pin. A
 * {@code synchronized} around the park would pin only before JDK 24 (JEP 491): on JDK 25 this
 * test does not see it. On Java 21 ({@code .ci/java21}) it fails with one planted around
 * {@code Waiter}'s park (2026-12-05: the pinned waiters held both carriers, and a later waiter
 * never got to block). {@link NoMonitorWhileBlockedTest} finds any monitor a blocked thread
 * holds, on both.
 */
@Timeout(60)
class NoPinningTest {
    private static final String PINNED = "jdk.VirtualThreadPinned";
    private static final String CONTROL = "pinned on purpose";

    /** Makes a timed receive while its class is being initialized, which pins a virtual thread. */
    private static final class ReceivesInItsInitializer {
        static final boolean TIMED_OUT;

        static {
            try {
                TIMED_OUT = Channels.<String>unbuffered().tryReceive(Duration.ofMillis(50)) == null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void blockedVirtualThreadsDoNotPinTheirCarriers(@TempDir Path dir) throws Exception {
        final List<String> waiters = new ArrayList<>();
        final Path dump = dir.resolve("pinned.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            for (ChannelKind kind : ChannelKind.values()) {
                blockAndWake("warm-up " + kind, kind, new ArrayList<>()); // loads the classes first
            }
            for (ChannelKind kind : ChannelKind.values()) {
                blockAndWake(kind.toString(), kind, waiters);
            }
            final Forked<Boolean> control = Forked.start(ThreadKind.VIRTUAL, CONTROL,
                    () -> ReceivesInItsInitializer.TIMED_OUT);
            assertEquals(true, control.join(), "the control's receive times out");
            recording.stop();
            recording.dump(dump);
        }
        final List<String> pinnedThreads = new ArrayList<>();
        final List<RecordedEvent> pinnedWaiters = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            if (event.getEventType().getName().equals(PINNED) && event.getThread() != null) {
                pinnedThreads.add(event.getThread().getJavaName());
                if (waiters.contains(event.getThread().getJavaName())) {
                    pinnedWaiters.add(event);
                }
            }
        }
        assertEquals(true, pinnedThreads.contains(CONTROL),
                "the recording shows a virtual thread pinned in a class initializer: " + pinnedThreads);
        assertEquals(List.of(), pinnedWaiters, "virtual threads pinned while blocked in a channel");
    }

    /** Blocks virtual threads in each kind of wait on a channel of this kind, then closes it. */
    private static void blockAndWake(String prefix, ChannelKind kind, List<String> names) throws Exception {
        final Channel<String> channel = kind.create();
        final Channel<String> full = Channels.buffered(1);
        full.trySend("filler");
        final Channel<String> rendezvous = Channels.unbuffered();
        final List<Forked<?>> waiters = BlockedWaits.start(ThreadKind.VIRTUAL, prefix + " ", channel, full, rendezvous);
        for (Forked<?> waiter : waiters) {
            names.add(waiter.thread().getName());
        }
        full.close();
        rendezvous.close();
        channel.close();
        for (Forked<?> waiter : waiters) {
            waiter.joinEither();
        }
    }
}
