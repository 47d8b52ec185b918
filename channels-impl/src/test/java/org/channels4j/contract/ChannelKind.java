package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The channel kinds every contract test runs against, as created through the public factories
 * only. Capacity 1 and 16 are both tested because a one-slot ring and a wider one take different
 * paths (every send after the first finds a one-slot ring full).
 *
 * <p>The static methods are JUnit argument sources, referenced as
 * {@code @MethodSource("org.channels4j.contract.ChannelKind#withThreads")}.
 */
enum ChannelKind {
    UNBUFFERED(0),
    BUFFERED_1(1),
    BUFFERED_16(16),
    UNBOUNDED(Integer.MAX_VALUE);

    private final int capacity;

    ChannelKind(int capacity) {
        this.capacity = capacity;
    }

    <E> Channel<E> create() {
        return switch (this) {
            case UNBUFFERED -> Channels.unbuffered();
            case BUFFERED_1 -> Channels.buffered(1);
            case BUFFERED_16 -> Channels.buffered(16);
            case UNBOUNDED -> Channels.unbounded();
        };
    }

    /** The capacity the channel must report. */
    int capacity() {
        return capacity;
    }

    /** Whether the channel holds elements with nobody receiving: every kind but unbuffered. */
    boolean buffers() {
        return capacity > 0;
    }

    /** Whether a send on this kind can block: every kind but unbounded. */
    boolean sendCanBlock() {
        return this != UNBOUNDED;
    }

    /**
     * Fills a channel of this kind until the next send would block, with elements
     * {@code "fill-0"}, {@code "fill-1"}, ...; unbuffered channels take nothing.
     *
     * @return the elements sent, in order
     */
    List<String> fill(Channel<String> channel) {
        if (!sendCanBlock()) {
            throw new IllegalStateException(this + " is never full");
        }
        final List<String> sent = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            final String e = "fill-" + i;
            if (!channel.trySend(e)) {
                throw new AssertionError(this + " refused " + e + " before reaching its capacity");
            }
            sent.add(e);
        }
        return sent;
    }

    @Override
    public String toString() {
        return switch (this) {
            case UNBUFFERED -> "unbuffered";
            case BUFFERED_1 -> "buffered(1)";
            case BUFFERED_16 -> "buffered(16)";
            case UNBOUNDED -> "unbounded";
        };
    }

    /** Every kind on every thread kind. */
    static Stream<Arguments> withThreads() {
        return Stream.of(values()).flatMap(k -> Stream.of(ThreadKind.values()).map(t -> Arguments.of(k, t)));
    }

    /** The kinds whose sends can block, on every thread kind. */
    static Stream<Arguments> blockingSendWithThreads() {
        return withThreads().filter(a -> ((ChannelKind) a.get()[0]).sendCanBlock());
    }

    /** The kinds that buffer, on every thread kind. */
    static Stream<Arguments> bufferingWithThreads() {
        return withThreads().filter(a -> ((ChannelKind) a.get()[0]).buffers());
    }
}
