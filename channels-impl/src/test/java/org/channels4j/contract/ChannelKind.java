package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The channel kinds every contract test runs against, as created through the public factories
 * only. Capacity 1 and 16 are both tested because a one-slot ring and a wider one take different
 * paths (every send after the first finds a one-slot ring full).
 *
 * <p>The last three kinds drop instead of blocking ({@link Overflow}): a send on their full
 * buffer returns at once and the policy hands one element to the {@code onUndelivered} handler.
 * Their buffers are small so that the drop paths are taken all the time: {@code conflated} is
 * {@code DROP_OLDEST} at capacity 1, where the displaced element is the only one;
 * {@code DROP_OLDEST} at capacity 4 displaces while other positions of the ring are in flight;
 * {@code DROP_LATEST} at capacity 2 is full after two elements. The contract's rules read
 * "received exactly once or handed to the handler exactly once" for them, and the rules about
 * blocked senders do not apply: nothing ever blocks a sender.
 *
 * <p>The static methods are JUnit argument sources, referenced as
 * {@code @MethodSource("org.channels4j.contract.ChannelKind#withThreads")}.
 */
enum ChannelKind {
    UNBUFFERED(0, Overflow.BLOCK),
    BUFFERED_1(1, Overflow.BLOCK),
    BUFFERED_16(16, Overflow.BLOCK),
    UNBOUNDED(Integer.MAX_VALUE, Overflow.BLOCK),
    CONFLATED(1, Overflow.DROP_OLDEST),
    DROP_OLDEST_4(4, Overflow.DROP_OLDEST),
    DROP_LATEST_2(2, Overflow.DROP_LATEST);

    private final int capacity;
    private final Overflow overflow;

    ChannelKind(int capacity, Overflow overflow) {
        this.capacity = capacity;
        this.overflow = overflow;
    }

    <E> Channel<E> create() {
        return switch (this) {
            case UNBUFFERED -> Channels.unbuffered();
            case BUFFERED_1 -> Channels.buffered(1);
            case BUFFERED_16 -> Channels.buffered(16);
            case UNBOUNDED -> Channels.unbounded();
            case CONFLATED -> Channels.conflated();
            case DROP_OLDEST_4, DROP_LATEST_2 -> Channels.<E>builder().capacity(capacity).overflow(overflow).build();
        };
    }

    /**
     * A channel of this kind whose elements dropped by its overflow policy go to
     * {@code onDropped}, on the sending thread. Only the dropping kinds are built with the handler:
     * {@code conflated} as {@code builder().capacity(1).overflow(DROP_OLDEST)}, which is what
     * {@link Channels#conflated()} returns (it takes no handler; its Javadoc points to the builder
     * for one). The kinds that never drop come from their plain factory, as {@link #create()}
     * makes them, so that the tests counting drops keep checking exactly the channels those
     * factories make; no contract test cancels a channel, so no element could reach a handler
     * on them anyway.
     */
    <E> Channel<E> create(Consumer<? super E> onDropped) {
        if (!drops()) {
            return create();
        }
        return Channels.<E>builder().capacity(capacity).overflow(overflow).onUndelivered(onDropped).build();
    }

    /** The capacity the channel must report. */
    int capacity() {
        return capacity;
    }

    /** What a send on a full buffer does: {@link Overflow#BLOCK} for every kind but the dropping ones. */
    Overflow overflow() {
        return overflow;
    }

    /** Whether the channel holds elements with nobody receiving: every kind but unbuffered. */
    boolean buffers() {
        return capacity > 0;
    }

    /** Whether a send on this kind can block: unbuffered and the blocking buffered kinds, not unbounded or dropping. */
    boolean sendCanBlock() {
        return this != UNBOUNDED && !drops();
    }

    /** Whether a send on a full buffer drops an element instead of blocking: conflated, DROP_OLDEST and DROP_LATEST. */
    boolean drops() {
        return overflow != Overflow.BLOCK;
    }

    /**
     * Fills a channel of this kind until it is full, with elements {@code "fill-0"},
     * {@code "fill-1"}, ...: the next send would block, or on a dropping kind drop;
     * unbuffered channels take nothing.
     *
     * @return the elements sent, in order
     */
    List<String> fill(Channel<String> channel) {
        if (capacity == Integer.MAX_VALUE) {
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

    /**
     * What a channel of a dropping kind holds after {@code sent} was sent to it in order with
     * nobody receiving: the newest {@code capacity} elements under {@code DROP_OLDEST}, the
     * oldest under {@code DROP_LATEST}.
     */
    <E> List<E> keptOf(List<E> sent) {
        final int kept = Math.min(capacity, sent.size());
        return switch (overflow) {
            case DROP_OLDEST -> sent.subList(sent.size() - kept, sent.size());
            case DROP_LATEST -> sent.subList(0, kept);
            case BLOCK -> throw new IllegalStateException(this + " does not drop");
        };
    }

    /** What the handler of a dropping kind got for the same sends as {@link #keptOf}: the others, in the order sent. */
    <E> List<E> droppedOf(List<E> sent) {
        final int kept = Math.min(capacity, sent.size());
        return switch (overflow) {
            case DROP_OLDEST -> sent.subList(0, sent.size() - kept);
            case DROP_LATEST -> sent.subList(kept, sent.size());
            case BLOCK -> throw new IllegalStateException(this + " does not drop");
        };
    }

    /** The name the channel itself gives ({@code toString()}), which is the factory call that made it. */
    @Override
    public String toString() {
        return switch (this) {
            case UNBUFFERED -> "unbuffered";
            case BUFFERED_1 -> "buffered(1)";
            case BUFFERED_16 -> "buffered(16)";
            case UNBOUNDED -> "unbounded";
            case CONFLATED -> "conflated";
            case DROP_OLDEST_4 -> "buffered(4) DROP_OLDEST";
            case DROP_LATEST_2 -> "buffered(2) DROP_LATEST";
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

    /** The kinds that drop on a full buffer. */
    static Stream<ChannelKind> dropping() {
        return Stream.of(values()).filter(ChannelKind::drops);
    }

    /** The kinds that drop on a full buffer, on every thread kind. */
    static Stream<Arguments> droppingWithThreads() {
        return withThreads().filter(a -> ((ChannelKind) a.get()[0]).drops());
    }

    /**
     * The kinds that never drop: for the tests whose every accepted element must reach a
     * receiver, because one receiver waits for each element sent.
     */
    static Stream<ChannelKind> neverDropping() {
        return Stream.of(values()).filter(k -> !k.drops());
    }
}
