package org.channels4j.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: an operation that parks emits {@code org.channels4j.ChannelWait} with its
 * operation, channel, clause count, outcome, duration and stack; operations that never park
 * emit nothing. Each test records with {@link Recording}, dumps to a file and reads the dump
 * back with {@link RecordingFile}, as a user's tool would.
 *
 * <p>Waits are checked from below only ("at least the time the other side held it back"): how
 * late a woken thread runs depends on the machine.
 */
@Timeout(60)
class ChannelWaitEventTest {
    private static final String EVENT = "org.channels4j.ChannelWait";
    private static final Duration HELD = Duration.ofMillis(100);
    /** Where {@link #theSettingsFileRecordsAPipeline} leaves its dump for channels-jmh's WaitReport. */
    private static final Path PIPELINE_DUMP = Path.of("target", "channel-wait", "pipeline.jfr");

    /**
     * Loads and initializes the classes a blocking operation and a forked thread use before any
     * recording starts, so that no test's first wait includes class initialization.
     */
    @BeforeAll
    static void warmUpOutsideAnyRecording() throws InterruptedException {
        final Channel<Integer> warm = Channels.unbuffered();
        final Forked<Integer> receiver = Forked.start(ThreadKind.VIRTUAL, "warm-up", warm::receive);
        warm.send(1);
        assertEquals(1, receiver.join());
    }

    @FunctionalInterface
    private interface Workload {
        void run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void receiveBlockedForAWhileIsOneEventWithItsDuration(ThreadKind kind) throws Exception {
        final Channel<String> channel = Channels.unbuffered();
        final RecordedEvent event = single("receiver", recordAtDefaultThreshold(() -> {
            final Forked<String> receiver = Forked.start(kind, "receiver", channel::receive).awaitBlocked();
            Thread.sleep(HELD);
            channel.send("x");
            assertEquals("x", receiver.join());
        }));
        assertFields(event, "receive", "unbuffered", 1, "completed");
        assertWaitedAtLeast(event, HELD);
        assertStackNamesTheCaller(event, "receive");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void sendOnAFullChannelIsOneEventWithItsDuration(ThreadKind kind) throws Exception {
        final Channel<Integer> channel = Channels.buffered(16);
        for (int i = 0; i < 16; i++) {
            channel.send(i);
        }
        final RecordedEvent event = single("sender", recordAtDefaultThreshold(() -> {
            final Forked<Void> sender = Forked.run(kind, "sender", () -> channel.send(16)).awaitBlocked();
            Thread.sleep(HELD);
            assertEquals(0, channel.receive());
            sender.join();
        }));
        assertFields(event, "send", "buffered(16)", 1, "completed");
        assertWaitedAtLeast(event, HELD);
        assertStackNamesTheCaller(event, "send");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void selectThatTimesOutNamesEveryClause(ThreadKind kind) throws Exception {
        final Channel<String> unbuffered = Channels.unbuffered();
        final Channel<String> unbounded = Channels.unbounded();
        final RecordedEvent event = single("selector", recordAtDefaultThreshold(() -> {
            final Forked<String> selector = Forked.start(kind, "selector", () -> Select.select(
                    unbuffered.onReceive(), unbounded.onReceive(),
                    Select.onTimeout(HELD, () -> "timeout")));
            assertEquals("timeout", selector.join());
        }));
        assertFields(event, "select", "unbuffered, unbounded, timeout(PT0.1S)", 3, "timed out");
        // The event starts just before the park, a little after the select's clock started.
        assertWaitedAtLeast(event, HELD.minusMillis(5));
        assertStackNamesTheCaller(event, "select");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedReceiveThatTimesOutIsRecordedAsTimedOut(ThreadKind kind) throws Exception {
        final Channel<String> channel = Channels.buffered(1);
        final RecordedEvent event = single("receiver", recordAtDefaultThreshold(() -> {
            final Forked<String> receiver = Forked.start(kind, "receiver", () -> channel.tryReceive(HELD));
            assertEquals(null, receiver.join());
        }));
        assertFields(event, "receive", "buffered(1)", 1, "timed out");
        assertWaitedAtLeast(event, HELD.minusMillis(5));
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void receiveWokenByCloseIsRecordedAsClosed(ThreadKind kind) throws Exception {
        final Channel<String> channel = Channels.unbuffered();
        final RecordedEvent event = single("receiver", recordAtDefaultThreshold(() -> {
            final Forked<String> receiver = Forked.start(kind, "receiver", channel::receive).awaitBlocked();
            Thread.sleep(HELD);
            channel.close();
            receiver.joinFailure(ChannelClosedException.class);
        }));
        assertFields(event, "receive", "unbuffered", 1, "closed");
        assertWaitedAtLeast(event, HELD);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptedSendIsRecordedAsInterrupted(ThreadKind kind) throws Exception {
        final Channel<String> channel = Channels.unbuffered();
        final RecordedEvent event = single("sender", recordAtDefaultThreshold(() -> {
            final Forked<Void> sender = Forked.run(kind, "sender", () -> channel.send("x")).awaitBlocked();
            Thread.sleep(HELD);
            sender.interrupt();
            sender.joinFailure(InterruptedException.class);
        }));
        assertFields(event, "send", "unbuffered", 1, "interrupted");
        assertWaitedAtLeast(event, HELD);
    }

    @Test
    void waitsShorterThanTheDefaultThresholdAreNotRecorded() throws Exception {
        final Channel<String> channel = Channels.unbuffered();
        final List<RecordedEvent> events = recordAtDefaultThreshold(() -> {
            final Forked<String> selector = Forked.start(ThreadKind.PLATFORM, "selector", () -> Select.select(
                    channel.onReceive(), Select.onTimeout(Duration.ofMillis(2), () -> "timeout")));
            assertEquals("timeout", selector.join());
        });
        assertEquals(List.of(), events, "a 2 ms wait is under the 20 ms default threshold");
    }

    @Test
    void operationsThatNeverParkEmitNothing() throws Exception {
        final Channel<Integer> buffered = Channels.buffered(64);
        final Channel<Integer> unbounded = Channels.unbounded();
        final Channel<Integer> unbuffered = Channels.unbuffered();
        final List<RecordedEvent> events = record(Duration.ZERO, () -> {
            for (int round = 0; round < 2_000; round++) {
                for (int i = 0; i < 32; i++) {
                    buffered.send(i);
                    assertTrue(unbounded.trySend(i));
                }
                for (int i = 0; i < 32; i++) {
                    assertEquals(i, buffered.receive());
                    assertEquals(i, unbounded.tryReceive(Duration.ofSeconds(1)));
                }
                assertEquals(null, unbuffered.tryReceive());
                assertEquals("else", Select.select(unbuffered.onReceive(i -> "got"), Select.orElse(() -> "else")));
                unbounded.send(round);
                assertEquals(round, Select.select(unbuffered.onReceive(), unbounded.onReceive()));
            }
        });
        assertEquals(List.of(), events, "a non-blocking operation or a ready select must emit no ChannelWait");
    }

    /**
     * The settings file in the repository enables the event, and its recording of a small
     * pipeline has waits of every operation; the dump is what channels-jmh's {@code WaitReport}
     * turns into a table and a chart in {@code mvn verify}.
     */
    @Test
    void theSettingsFileRecordsAPipeline() throws Exception {
        final Configuration settings = Configuration.create(Path.of("..", "jfr", "channels4j.jfc"));
        final Channel<Integer> work = Channels.buffered(4);
        final Channel<Integer> results = Channels.unbuffered();
        final Channel<Integer> idle = Channels.unbuffered();
        Files.createDirectories(PIPELINE_DUMP.getParent());
        try (Recording recording = new Recording(settings)) {
            recording.start();
            final Forked<Void> producer = Forked.run(ThreadKind.VIRTUAL, "producer", () -> {
                for (int i = 0; i < 12; i++) {
                    work.send(i); // blocks while the slow worker holds the buffer full
                }
                work.close();
            });
            final Forked<Void> worker = Forked.run(ThreadKind.PLATFORM, "worker", () -> {
                for (int job : work) {
                    Thread.sleep(25);
                    results.send(job);
                }
                results.close();
            });
            int received = 0;
            for (;;) {
                final Integer r = Select.select(results.onReceiveOrClosed(v -> v, cause -> null),
                        idle.onReceive(), Select.onTimeout(Duration.ofSeconds(20), () -> null));
                if (r == null) {
                    break;
                }
                received++;
            }
            producer.join();
            worker.join();
            assertEquals(12, received);
            recording.stop();
            recording.dump(PIPELINE_DUMP);
        }
        final Set<String> operations = events(PIPELINE_DUMP).stream()
                .map(e -> e.getString("operation")).collect(Collectors.toSet());
        assertEquals(Set.of("send", "select"), operations,
                "the producer waits to send and the consumer's select waits for results");
    }

    private static List<RecordedEvent> recordAtDefaultThreshold(Workload workload) throws Exception {
        return record(null, workload);
    }

    /** Runs {@code workload} under a recording of the event only, with {@code threshold} or its default. */
    private static List<RecordedEvent> record(Duration threshold, Workload workload) throws Exception {
        final Path dump = Files.createTempFile("channel-wait", ".jfr");
        try (Recording recording = new Recording()) {
            if (threshold == null) {
                recording.enable(EVENT);
            } else {
                recording.enable(EVENT).withThreshold(threshold);
            }
            recording.start();
            workload.run();
            recording.stop();
            recording.dump(dump);
            return events(dump);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static List<RecordedEvent> events(Path dump) throws IOException {
        return RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().equals(EVENT))
                .toList();
    }

    /** The one event of the thread named {@code threadName}; other threads' waits are not the test's. */
    private static RecordedEvent single(String threadName, List<RecordedEvent> events) {
        final List<RecordedEvent> own = events.stream()
                .filter(e -> threadName.equals(e.getThread().getJavaName()))
                .toList();
        assertEquals(1, own.size(), () -> "expected one ChannelWait event of " + threadName + ", got " + events);
        return own.get(0);
    }

    private static void assertFields(RecordedEvent event, String operation, String channel, int clauses,
                                     String outcome) {
        assertEquals(operation, event.getString("operation"), "operation");
        assertEquals(channel, event.getString("channel"), "channel");
        assertEquals(clauses, event.getInt("clauses"), "clauses");
        assertEquals(outcome, event.getString("outcome"), "outcome");
    }

    private static void assertWaitedAtLeast(RecordedEvent event, Duration atLeast) {
        assertTrue(event.getDuration().compareTo(atLeast) >= 0,
                "recorded a wait of " + event.getDuration() + ", but it lasted at least " + atLeast);
        assertTrue(event.getDuration().compareTo(Forked.PATIENCE) < 0, "recorded a wait of " + event.getDuration());
    }

    /** The stack reaches the public API method the caller blocked in. */
    private static void assertStackNamesTheCaller(RecordedEvent event, String apiMethod) {
        assertNotNull(event.getStackTrace(), "the event must carry a stack trace");
        final List<String> frames = event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .map(m -> m.getType().getName() + "." + m.getName())
                .toList();
        assertTrue(frames.stream().anyMatch(f -> f.endsWith("." + apiMethod)),
                () -> "no frame of " + apiMethod + " in " + frames);
    }
}
