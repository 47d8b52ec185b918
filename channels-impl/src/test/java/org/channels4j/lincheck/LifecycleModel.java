package org.channels4j.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.channels4j.Overflow;

/**
 * The sequential specification of a channel with an overflow policy and an
 * {@code onUndelivered} handler, for {@link LifecycleLincheckTest}: a FIFO buffer of
 * {@code capacity} elements, a closed flag, and the handler's calls, which each operation
 * reports as part of its result (the handler runs on the thread whose operation dropped or
 * discarded the element, so each call belongs to one operation).
 *
 * <h2>Results</h2>
 * A {@code ChannelClosedException} is {@link ChannelModel#CLOSED}. An operation that handed
 * elements to the handler returns {@code "<result> handed <elements>"} (see {@link #handed});
 * one that handed none returns its plain result.
 */
public class LifecycleModel {
    private final int capacity;
    private final Overflow overflow;
    /** The buffered elements, oldest first. */
    private final List<Integer> buffer = new ArrayList<>();
    private boolean closed;

    protected LifecycleModel(int capacity, Overflow overflow) {
        this.capacity = capacity;
        this.overflow = overflow;
    }

    /** The result of an operation that returned {@code result} and handed {@code elements} to the handler. */
    static Object handed(Object result, List<Integer> elements) {
        return elements.isEmpty() ? result : result + " handed " + elements;
    }

    public Object trySend(int element) {
        if (closed) {
            return ChannelModel.CLOSED;
        }
        if (buffer.size() < capacity) {
            buffer.add(element);
            return true;
        }
        return switch (overflow) {
            case BLOCK -> false;
            case DROP_LATEST -> handed(true, List.of(element));
            case DROP_OLDEST -> {
                final Integer oldest = buffer.remove(0);
                buffer.add(element);
                yield handed(true, List.of(oldest));
            }
        };
    }

    public Object tryReceive() {
        if (!buffer.isEmpty()) {
            return buffer.remove(0);
        }
        return closed ? ChannelModel.CLOSED : null;
    }

    public boolean close() {
        final boolean closedNow = !closed;
        closed = true;
        return closedNow;
    }

    /** Close, then every buffered element to the handler, oldest first. */
    public Object cancel() {
        final boolean closedNow = close();
        final List<Integer> discarded = new ArrayList<>(buffer);
        buffer.clear();
        return handed(closedNow, discarded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifecycleModel m
                && capacity == m.capacity
                && overflow == m.overflow
                && closed == m.closed
                && buffer.equals(m.buffer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, overflow, closed, buffer);
    }

    /** {@code builder().capacity(2).overflow(DROP_OLDEST)}. */
    public static final class DropOldest2 extends LifecycleModel {
        public DropOldest2() {
            super(2, Overflow.DROP_OLDEST);
        }
    }

    /** {@code builder().capacity(2).overflow(DROP_LATEST)}. */
    public static final class DropLatest2 extends LifecycleModel {
        public DropLatest2() {
            super(2, Overflow.DROP_LATEST);
        }
    }

    /** {@code Channels.conflated()}. */
    public static final class Conflated extends LifecycleModel {
        public Conflated() {
            super(1, Overflow.DROP_OLDEST);
        }
    }

    /** {@code builder().capacity(2)}: cancel on a blocking buffer. */
    public static final class Block2 extends LifecycleModel {
        public Block2() {
            super(2, Overflow.BLOCK);
        }
    }

    /** {@code builder().unbounded()}: cancel on a segmented queue. */
    public static final class Unbounded extends LifecycleModel {
        public Unbounded() {
            super(Integer.MAX_VALUE, Overflow.BLOCK);
        }
    }
}
