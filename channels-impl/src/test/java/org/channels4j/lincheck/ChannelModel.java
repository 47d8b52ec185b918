package org.channels4j.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sequential specification of one channel, which Lincheck runs one operation at a time to
 * decide whether the results of a concurrent run could have come from some order of atomic
 * steps: a Go channel with a FIFO buffer of {@code capacity} elements (0 for unbuffered,
 * {@link Integer#MAX_VALUE} for unbounded) and a closed flag.
 *
 * <h2>Results</h2>
 * Every method returns what the matching operation of the test class returns: a thrown
 * {@code ChannelClosedException} is the string {@link #CLOSED} on both sides, and the blocking
 * {@code send} returns {@link #SENT} when it returns normally.
 *
 * <h2>Blocking operations</h2>
 * A sequential specification cannot block, and a Lincheck check in Java has no way to suspend
 * an operation in the model. So where a blocking operation would block, the model returns
 * {@link #UNREACHABLE}, a value no real call returns: the verifier then rejects every order
 * that puts the operation there, and must linearize it at a point where it can complete
 * (a {@code receive} after the {@code send} it takes from, a {@code send} on a full buffer after
 * the {@code receive} that made room). The scenarios with blocking operations are hand-built so
 * that every operation completes, so no real result is ever {@link #UNREACHABLE}.
 *
 * <h2>Unbuffered handoffs</h2>
 * On an unbuffered channel a {@code send} and the {@code receive} that takes its element
 * complete in one step (the CAS that matches them), which a sequence of single operations can
 * only show as the send immediately followed by its receiver. The model keeps the element of
 * such a send in {@code handoff} until a receive takes it, and allows nothing that would split
 * the pair in a way no real run can: a second send, or a close, while a handoff is pending
 * returns {@link #UNREACHABLE}. Every correct run has such an order (put each matched pair at
 * its matching CAS), so the model rejects no correct run. A {@code trySend} on an unbuffered
 * channel always fails in the model, because in a sequence no receiver is ever waiting: the
 * scenarios therefore never combine {@code trySend} with a blocked {@code receive} on an
 * unbuffered channel.
 *
 * <p>{@link #equals} and {@link #hashCode} compare the state, so that the verifier can reuse
 * states it has already built.
 */
public class ChannelModel {
    /** A {@code ChannelClosedException}, on both sides of the comparison. */
    public static final String CLOSED = "CLOSED";
    /** A blocking {@code send} that returned normally. */
    public static final String SENT = "SENT";
    /** What the model answers where the operation cannot take effect; no real call returns it. */
    public static final String UNREACHABLE = "UNREACHABLE";

    private final int capacity;
    /** The buffered elements, oldest first. */
    private final List<Integer> buffer = new ArrayList<>();
    /** Unbuffered only: the element of a send whose receiver comes next, if any. */
    private final List<Integer> handoff = new ArrayList<>(1);
    private boolean closed;

    protected ChannelModel(int capacity) {
        this.capacity = capacity;
    }

    public Object trySend(int element) {
        if (closed) {
            return CLOSED;
        }
        if (buffer.size() >= capacity) {
            return false; // full; an unbuffered channel never has a waiting receiver here
        }
        buffer.add(element);
        return true;
    }

    public Object send(int element) {
        if (closed) {
            return CLOSED;
        }
        if (capacity == 0) {
            if (!handoff.isEmpty()) {
                return UNREACHABLE; // the previous send's receiver comes first
            }
            handoff.add(element);
            return SENT;
        }
        if (buffer.size() >= capacity) {
            return UNREACHABLE; // would block
        }
        buffer.add(element);
        return SENT;
    }

    public Object tryReceive() {
        final Object taken = take();
        return taken == UNREACHABLE ? null : taken;
    }

    public Object receive() {
        return take();
    }

    /** The next element, else {@link #CLOSED} if closed, else {@link #UNREACHABLE} (would block). */
    private Object take() {
        if (!buffer.isEmpty()) {
            return buffer.remove(0);
        }
        if (!handoff.isEmpty()) {
            return handoff.remove(0);
        }
        return closed ? CLOSED : UNREACHABLE;
    }

    public Object close() {
        if (!handoff.isEmpty()) {
            return UNREACHABLE; // would come between a send and its receiver
        }
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    public boolean isClosedForSend() {
        return closed;
    }

    public boolean isClosedForReceive() {
        return closed && buffer.isEmpty();
    }

    public int size() {
        return buffer.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelModel m
                && capacity == m.capacity
                && closed == m.closed
                && buffer.equals(m.buffer)
                && handoff.equals(m.handoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, closed, buffer, handoff);
    }

    /** {@code Channels.unbuffered()}. */
    public static final class Unbuffered extends ChannelModel {
        public Unbuffered() {
            super(0);
        }
    }

    /** {@code Channels.buffered(1)}. */
    public static final class Buffered1 extends ChannelModel {
        public Buffered1() {
            super(1);
        }
    }

    /** {@code Channels.buffered(2)}. */
    public static final class Buffered2 extends ChannelModel {
        public Buffered2() {
            super(2);
        }
    }

    /** {@code Channels.unbounded()}, whatever its segment size. */
    public static final class Unbounded extends ChannelModel {
        public Unbounded() {
            super(Integer.MAX_VALUE);
        }
    }
}
