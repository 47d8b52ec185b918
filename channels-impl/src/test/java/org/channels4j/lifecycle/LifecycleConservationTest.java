package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.channels4j.impl.ChannelInternals;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conservation rule with a handler: every accepted element is received exactly once or
 * handed to the handler exactly once, never both, never twice; an element whose send threw or
 * returned false is seen by no one. Three senders and three receivers race on one channel with
 * a random mix of {@code send} and {@code trySend}, while a fourth thread cancels it at a random
 * moment (sometimes after a plain close), many rounds per policy. Every id is counted where it
 * ends up, and the counts are checked per id.
 */
class LifecycleConservationTest {
    private static final int SENDERS = 3;
    private static final int RECEIVERS = 3;
    private static final int PER_SENDER = 3_000;
    private static final int ROUNDS = 12;
    private static final long SEED = 0xC0FFEEL;

    /** The channel kinds that can drop or discard. */
    enum Kind {
        BLOCK_BUFFERED, DROP_OLDEST, DROP_LATEST, CONFLATED, UNBOUNDED;

        Channel<Integer> create(AtomicIntegerArray handled) {
            final var builder = Channels.<Integer>builder().onUndelivered(id -> handled.incrementAndGet(id));
            return switch (this) {
                case BLOCK_BUFFERED -> builder.capacity(4).build();
                case DROP_OLDEST -> builder.capacity(4).overflow(Overflow.DROP_OLDEST).build();
                case DROP_LATEST -> builder.capacity(4).overflow(Overflow.DROP_LATEST).build();
                case CONFLATED -> builder.capacity(1).overflow(Overflow.DROP_OLDEST).build();
                case UNBOUNDED -> builder.unbounded().build();
            };
        }
    }

    static List<Arguments> kindsAndThreads() {
        final List<Arguments> all = new ArrayList<>();
        for (ThreadKind threads : ThreadKind.values()) {
            for (Kind kind : Kind.values()) {
                all.add(Arguments.of(kind, threads));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("kindsAndThreads")
    void everyAcceptedElementIsReceivedOrHandedOverExactlyOnce(Kind kind, ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final Random random = new Random(SEED + kind.ordinal());
            for (int round = 0; round < ROUNDS; round++) {
                runRound(kind, threads, random.nextLong());
            }
        });
    }

    private static void runRound(Kind kind, ThreadKind threads, long seed) throws InterruptedException {
        final int ids = SENDERS * PER_SENDER;
        final AtomicIntegerArray handled = new AtomicIntegerArray(ids);
        final AtomicIntegerArray received = new AtomicIntegerArray(ids);
        final boolean[] accepted = new boolean[ids]; // each sender writes its own range; join publishes
        final Channel<Integer> channel = kind.create(handled);
        final Random cancelRandom = new Random(seed);
        final long cancelAfterNanos = cancelRandom.nextInt(3_000_000);
        final boolean closeFirst = cancelRandom.nextBoolean();

        // Forked: whatever a thread throws but the close it expects fails the test on join
        final List<Forked<Void>> all = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            final int first = s * PER_SENDER;
            final Random ops = new Random(seed + s);
            all.add(Forked.run(threads, "sender-" + s, () -> {
                try {
                    for (int id = first; id < first + PER_SENDER; id++) {
                        accepted[id] = ops.nextBoolean() ? channel.trySend(id) : sendReturned(channel, id);
                    }
                } catch (ChannelClosedException closed) {
                    // the rest of this sender's ids were never offered
                }
            }));
        }
        for (int r = 0; r < RECEIVERS; r++) {
            all.add(Forked.run(threads, "receiver-" + r, () -> {
                try {
                    for (;;) {
                        received.incrementAndGet(channel.receive());
                    }
                } catch (ChannelClosedException closed) {
                    // cancelled: receivers get nothing further
                }
            }));
        }
        Forked.run(threads, "canceller", () -> {
            LockSupport.parkNanos(cancelAfterNanos);
            if (closeFirst) {
                channel.close();
                LockSupport.parkNanos(cancelAfterNanos / 4);
            }
            channel.cancel();
        }).join();
        for (Forked<Void> t : all) {
            t.join();
        }

        for (int id = 0; id < ids; id++) {
            final int r = received.get(id);
            final int h = handled.get(id);
            if (r + h != (accepted[id] ? 1 : 0)) {
                fail(kind + ": id " + id + (accepted[id] ? " accepted" : " not accepted")
                        + " but received " + r + " times and handed over " + h + " times");
            }
        }
        // not size(): it reports 0 once the cancel has claimed the positions, drained or not
        assertEquals(List.of(), ChannelInternals.slotsStillHolding(channel),
                kind + ": slots left holding an element after the cancel");
    }

    private static boolean sendReturned(Channel<Integer> channel, int id) throws InterruptedException {
        channel.send(id);
        return true;
    }
}
