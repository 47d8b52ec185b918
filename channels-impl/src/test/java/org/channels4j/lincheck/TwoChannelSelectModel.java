package org.channels4j.lincheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The nondeterministic sequential specification of two channels {@code a} and {@code b} under
 * the operations of {@link UnbiasedSelectLincheckTest.TwoChannels}: try operations, close, and
 * non-blocking selects with {@code orElse}. A select step may complete <em>any</em> clause that
 * is ready, as {@code Select.select} may; {@code orElse} only if none is.
 *
 * <p>A channel is a FIFO buffer of up to its capacity and a closed flag. A receive clause is
 * ready if the buffer holds an element (it takes the oldest) or the channel is closed and
 * drained; a send clause is ready if the channel is closed or has room. Selecting a clause on a
 * closed channel throws {@code ChannelClosedException} ({@link ChannelModel#CLOSED} here), except
 * {@code onReceiveOrClosed}, which runs its closed branch. An unbuffered channel (capacity 0)
 * has no room and no element in a run of non-blocking operations, where no partner ever waits:
 * only its closed clauses are ever ready.
 */
public class TwoChannelSelectModel implements NondeterministicModel {
    /** What every select returns from {@code orElse}. */
    public static final String NONE = "none";

    /** One channel's state. */
    record Chan(List<Integer> buffer, boolean closed) {
        static final Chan EMPTY = new Chan(List.of(), false);

        Chan push(int e) {
            final List<Integer> b = new ArrayList<>(buffer);
            b.add(e);
            return new Chan(List.copyOf(b), closed);
        }

        Chan pop() {
            return new Chan(List.copyOf(buffer.subList(1, buffer.size())), closed);
        }

        Chan close() {
            return new Chan(buffer, true);
        }
    }

    /** Both channels' states. */
    record State(Chan a, Chan b) {
        Chan get(boolean onA) {
            return onA ? a : b;
        }

        State with(boolean onA, Chan c) {
            return onA ? new State(c, b) : new State(a, c);
        }
    }

    private final int capacityA;
    private final int capacityB;
    private final boolean firstReadyOnly;

    /**
     * @param firstReadyOnly a wrong model, kept to show that the check can fail: a select must
     *        complete the first ready clause in argument order, as an atomic biased select would
     */
    protected TwoChannelSelectModel(int capacityA, int capacityB, boolean firstReadyOnly) {
        this.capacityA = capacityA;
        this.capacityB = capacityB;
        this.firstReadyOnly = firstReadyOnly;
    }

    @Override
    public Object initialState() {
        return new State(Chan.EMPTY, Chan.EMPTY);
    }

    @Override
    public List<Step> steps(Object state, String operation, List<Object> arguments) {
        final State s = (State) state;
        return switch (operation) {
            case "trySendA" -> List.of(trySend(s, true, (Integer) arguments.get(0)));
            case "trySendB" -> List.of(trySend(s, false, (Integer) arguments.get(0)));
            case "tryReceiveA" -> List.of(tryReceive(s, true));
            case "tryReceiveB" -> List.of(tryReceive(s, false));
            case "closeA" -> List.of(close(s, true));
            case "closeB" -> List.of(close(s, false));
            case "selectReceiveAny" -> select(s,
                    receiveClause(s, true, ChannelModel.CLOSED),
                    receiveClause(s, false, ChannelModel.CLOSED));
            case "selectReceiveOrClosedAny" -> select(s,
                    receiveClause(s, true, "a closed"),
                    receiveClause(s, false, "b closed"));
            case "selectSendAny" -> select(s,
                    sendClause(s, true, (Integer) arguments.get(0)),
                    sendClause(s, false, (Integer) arguments.get(0)));
            case "selectSendAReceiveB" -> select(s,
                    sendClause(s, true, (Integer) arguments.get(0)),
                    receiveClause(s, false, ChannelModel.CLOSED));
            default -> throw new IllegalArgumentException("no model of " + operation);
        };
    }

    private int capacity(boolean onA) {
        return onA ? capacityA : capacityB;
    }

    private Step trySend(State s, boolean onA, int e) {
        final Chan c = s.get(onA);
        if (c.closed()) {
            return new Step(ChannelModel.CLOSED, s);
        }
        return c.buffer().size() < capacity(onA) ? new Step(true, s.with(onA, c.push(e))) : new Step(false, s);
    }

    private static Step tryReceive(State s, boolean onA) {
        final Chan c = s.get(onA);
        if (!c.buffer().isEmpty()) {
            return new Step(c.buffer().get(0), s.with(onA, c.pop()));
        }
        return new Step(c.closed() ? ChannelModel.CLOSED : null, s);
    }

    private static Step close(State s, boolean onA) {
        final Chan c = s.get(onA);
        return c.closed() ? new Step(false, s) : new Step(true, s.with(onA, c.close()));
    }

    /** {@code onReceive(e -> "a" + e)} (or "b"): null if not ready. */
    private static Step receiveClause(State s, boolean onA, Object closedResult) {
        final Chan c = s.get(onA);
        if (!c.buffer().isEmpty()) {
            return new Step((onA ? "a" : "b") + c.buffer().get(0), s.with(onA, c.pop()));
        }
        return c.closed() ? new Step(closedResult, s) : null;
    }

    /** {@code onSend(e, () -> "sent a")} (or "b"): null if not ready. */
    private Step sendClause(State s, boolean onA, int e) {
        final Chan c = s.get(onA);
        if (c.closed()) {
            return new Step(ChannelModel.CLOSED, s);
        }
        return c.buffer().size() < capacity(onA) ? new Step(onA ? "sent a" : "sent b", s.with(onA, c.push(e))) : null;
    }

    /** Any ready clause, else {@code orElse}. */
    private List<Step> select(State s, Step... clauses) {
        final List<Step> ready = new ArrayList<>(clauses.length);
        for (Step clause : clauses) {
            if (clause != null) {
                ready.add(clause);
                if (firstReadyOnly) {
                    break;
                }
            }
        }
        return ready.isEmpty() ? List.of(new Step(NONE, s)) : ready;
    }

    /** {@code Channels.unbuffered()} twice. */
    public static final class Unbuffered extends TwoChannelSelectModel {
        public Unbuffered() {
            super(0, 0, false);
        }
    }

    /** {@code Channels.buffered(1)} twice. */
    public static final class Buffered1 extends TwoChannelSelectModel {
        public Buffered1() {
            super(1, 1, false);
        }
    }

    /** {@code Channels.buffered(2)} twice. */
    public static final class Buffered2 extends TwoChannelSelectModel {
        public Buffered2() {
            super(2, 2, false);
        }
    }

    /** A planted bug: {@link Buffered1}, but a select may complete only its first ready clause. */
    public static final class Buffered1FirstReadyOnly extends TwoChannelSelectModel {
        public Buffered1FirstReadyOnly() {
            super(1, 1, true);
        }
    }
}
