package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, Select and Close: "a clause on a closed channel is ready", so a select parked on a
 * channel is woken by its close: {@code onReceiveOrClosed} runs its closed branch, and
 * {@code onReceive}/{@code onSend} throw {@link ChannelClosedException} out of the select.
 */
@Timeout(60)
class SelectCloseTest {
    private static final int SELECTS = 6;

    static Stream<Arguments> threadKindsAndCapacities() {
        return ThreadKind.each(0, 1);
    }

    /**
     * Selects of three shapes park next to an idle channel: receiving from {@code in}, or sending
     * to {@code out} (full, at capacity 1). Closing both with a cause must wake every one of
     * them, each the way its clause prescribes.
     */
    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("threadKindsAndCapacities")
    void closeWakesEverySelectParkedOnTheChannel(ThreadKind kind, int capacity) throws Exception {
        final Channel<String> in = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        final Channel<String> out = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        while (out.trySend("filler")) {
            // fill the buffer, so that send clauses park
        }
        final Channel<String> idle = Channels.unbuffered();
        final IllegalStateException cause = new IllegalStateException("shut down");
        final AtomicReferenceArray<Object> outcomes = new AtomicReferenceArray<>(SELECTS);
        try (Workers workers = new Workers(kind)) {
            for (int i = 0; i < SELECTS; i++) {
                final int me = i;
                workers.startParked("select " + i, () -> {
                    try {
                        outcomes.set(me, switch (me % 3) {
                            case 0 -> Select.select(idle.onReceive(), in.onReceiveOrClosed(v -> "value " + v, c -> c));
                            case 1 -> Select.select(idle.onReceive(), in.onReceive());
                            default -> Select.select(idle.onReceive(), out.onSend("x", () -> "sent"));
                        });
                    } catch (ChannelClosedException e) {
                        outcomes.set(me, e);
                    }
                });
            }
            in.close(cause);
            out.close(cause);
            workers.joinAll(Duration.ofSeconds(20));
        }
        for (int i = 0; i < SELECTS; i++) {
            final Object o = outcomes.get(i);
            if (i % 3 == 0) {
                assertSame(cause, o, "select " + i + ": the closed branch must run with the cause");
            } else {
                assertSame(cause, assertInstanceOf(ChannelClosedException.class, o, "select " + i).getCause());
            }
        }
        assertNull(idle.tryReceive());
        if (capacity > 0) {
            assertEquals("filler", out.tryReceive());
        }
        assertThrows(ChannelClosedException.class, out::tryReceive, "a select's element was sent on a closed channel");
    }
}
