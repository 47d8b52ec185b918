package org.channels4j.lincheck;

import java.util.List;
import java.util.Objects;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "Select" and "Linearizability": a non-blocking select takes effect atomically.
 *
 * <p>Two checks. Over one buffered channel, a select with one channel clause and an
 * {@code orElse} must behave exactly like the matching {@code try} operation, mixed with plain
 * {@code trySend}, {@code tryReceive} and {@code close}: this covers the select machinery
 * (attempt, continuation, closed handling, {@code orElse}, the random pick of
 * {@link Select#select}) and passes. Over two channels, a biased select must act as one step
 * that completes the first ready clause in argument order, or {@code orElse} when none is
 * ready: Lincheck finds runs where it does not (see the disabled test), because the clauses
 * are tried one after another and a channel tried earlier can become ready before a later
 * clause completes.
 */
public class SelectLincheckTest {
    private static final String NEITHER = "neither";

    /** One buffered(2) channel, reached both directly and through one-clause selects. */
    public static final class OneChannel {
        private final Channel<Integer> channel = Channels.buffered(2);

        @Operation
        public Object trySend(@Param(gen = IntGen.class, conf = "1:3") int element) {
            return trySendOrClosed(channel, element);
        }

        @Operation
        public Object tryReceive() {
            return tryReceiveOrClosed(channel);
        }

        @Operation
        public boolean close() {
            return channel.close();
        }

        /** {@link Select#select}, the random pick, over one receive clause and {@code orElse}. */
        @Operation
        public Object selectReceive() throws InterruptedException {
            try {
                return Select.select(channel.onReceive(e -> "got" + e), Select.orElse(() -> NEITHER));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        /** The closed branch of {@code onReceiveOrClosed} instead of an exception. */
        @Operation
        public Object selectReceiveOrClosed() throws InterruptedException {
            return Select.selectBiased(
                    channel.onReceiveOrClosed(e -> "got" + e, cause -> "closed:" + cause),
                    Select.orElse(() -> NEITHER));
        }

        @Operation
        public Object selectSend(@Param(gen = IntGen.class, conf = "1:3") int element) throws InterruptedException {
            try {
                return Select.selectBiased(channel.onSend(element, () -> "sent"), Select.orElse(() -> NEITHER));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }
    }

    /** The sequential specification of {@link OneChannel}: each select is its try operation. */
    public static final class OneChannelModel {
        private final ChannelModel channel = new ChannelModel.Buffered2();

        public Object trySend(int element) {
            return channel.trySend(element);
        }

        public Object tryReceive() {
            return channel.tryReceive();
        }

        public Object close() {
            return channel.close();
        }

        public Object selectReceive() {
            final Object r = channel.tryReceive();
            return r == null ? NEITHER : ChannelModel.CLOSED.equals(r) ? r : "got" + r;
        }

        public Object selectReceiveOrClosed() {
            final Object r = channel.tryReceive();
            return r == null ? NEITHER : ChannelModel.CLOSED.equals(r) ? "closed:null" : "got" + r;
        }

        public Object selectSend(int element) {
            final Object r = channel.trySend(element);
            return ChannelModel.CLOSED.equals(r) ? r : (Boolean) r ? "sent" : NEITHER;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OneChannelModel m && channel.equals(m.channel);
        }

        @Override
        public int hashCode() {
            return channel.hashCode();
        }
    }

    /** Two channels and the operations Lincheck mixes on them. */
    public static final class TwoChannels {
        private final Channel<Integer> a = Channels.buffered(1);
        private final Channel<Integer> b = Channels.buffered(2);

        @Operation
        public Object trySendA(@Param(gen = IntGen.class, conf = "1:3") int element) {
            return trySendOrClosed(a, element);
        }

        @Operation
        public Object trySendB(@Param(gen = IntGen.class, conf = "1:3") int element) {
            return trySendOrClosed(b, element);
        }

        @Operation
        public Object tryReceiveA() {
            return tryReceiveOrClosed(a);
        }

        @Operation
        public Object tryReceiveB() {
            return tryReceiveOrClosed(b);
        }

        @Operation
        public boolean closeA() {
            return a.close();
        }

        @Operation
        public boolean closeB() {
            return b.close();
        }

        /** Receives from {@code a} if it can, else from {@code b}, else returns at once. */
        @Operation
        public Object selectReceive() throws InterruptedException {
            try {
                return Select.selectBiased(
                        a.onReceive(e -> "a" + e),
                        b.onReceive(e -> "b" + e),
                        Select.orElse(() -> NEITHER));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        /** Sends to {@code a} if it has room, else to {@code b}, else returns at once. */
        @Operation
        public Object selectSend(@Param(gen = IntGen.class, conf = "1:3") int element) throws InterruptedException {
            try {
                return Select.selectBiased(
                        a.onSend(element, () -> "a"),
                        b.onSend(element, () -> "b"),
                        Select.orElse(() -> NEITHER));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }
    }

    /**
     * The sequential specification of {@link TwoChannels}. A select tries its clauses in order;
     * a clause on a closed channel is ready and makes the select throw (here: return
     * {@link ChannelModel#CLOSED}), a receive clause only once the channel is also drained.
     */
    public static final class TwoChannelsModel {
        private final ChannelModel a = new ChannelModel.Buffered1();
        private final ChannelModel b = new ChannelModel.Buffered2();

        public Object trySendA(int element) {
            return a.trySend(element);
        }

        public Object trySendB(int element) {
            return b.trySend(element);
        }

        public Object tryReceiveA() {
            return a.tryReceive();
        }

        public Object tryReceiveB() {
            return b.tryReceive();
        }

        public Object closeA() {
            return a.close();
        }

        public Object closeB() {
            return b.close();
        }

        public Object selectReceive() {
            for (ChannelModel channel : List.of(a, b)) {
                final Object r = channel.tryReceive();
                if (r != null) {
                    return ChannelModel.CLOSED.equals(r) ? r : (channel == a ? "a" : "b") + r;
                }
            }
            return NEITHER;
        }

        public Object selectSend(int element) {
            for (ChannelModel channel : List.of(a, b)) {
                final Object r = channel.trySend(element);
                if (ChannelModel.CLOSED.equals(r)) {
                    return r;
                }
                if ((Boolean) r) {
                    return channel == a ? "a" : "b";
                }
            }
            return NEITHER;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TwoChannelsModel m && a.equals(m.a) && b.equals(m.b);
        }

        @Override
        public int hashCode() {
            return Objects.hash(a, b);
        }
    }

    private static Object trySendOrClosed(Channel<Integer> channel, int element) {
        try {
            return channel.trySend(element);
        } catch (ChannelClosedException closed) {
            return ChannelModel.CLOSED;
        }
    }

    private static Object tryReceiveOrClosed(Channel<Integer> channel) {
        try {
            return channel.tryReceive();
        } catch (ChannelClosedException closed) {
            return ChannelModel.CLOSED;
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void oneClauseSelectWithOrElseIsLinearizableWithTryOperationsAndClose(Strategy strategy) {
        strategy.generated(OneChannelModel.class).check(OneChannel.class);
    }

    @Disabled("bug: a biased select over two channels is not atomic. It tries the clauses one "
            + "after another, so a clause found not ready can become ready before a later clause "
            + "completes (or before orElse runs): e.g. selectSend finds a full, a receive from a "
            + "and a select that sees both a and b empty complete, then the selectSend puts into "
            + "b, a result no atomic order gives. Model checking finds it within the budget.")
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void biasedSelectOverTwoChannelsIsLinearizableWithTryOperationsAndClose(Strategy strategy) {
        strategy.generated(TwoChannelsModel.class).check(TwoChannels.class);
    }
}
