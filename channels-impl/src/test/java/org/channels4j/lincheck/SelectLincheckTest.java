package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.List;
import java.util.Objects;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "Select" and "Linearizability": a select takes effect atomically.
 *
 * <p>Over one buffered channel, a select with one channel clause and an
 * {@code orElse} must behave exactly like the matching {@code try} operation, mixed with plain
 * {@code trySend}, {@code tryReceive} and {@code close}: this covers the select machinery
 * (attempt, continuation, closed handling, {@code orElse}, the random pick of
 * {@link Select#select}) and passes. Over two channels, a biased select must act as one step
 * that completes the first ready clause in argument order, or {@code orElse} when none is
 * ready: Lincheck finds runs where it does not (the disabled test), because the clauses are
 * tried one after another and a channel tried earlier can become ready before a later clause
 * completes; the project has since documented the preference as per clause. A blocked
 * two-clause select is checked where only its second channel changes, which that race cannot
 * affect.
 */
public class SelectLincheckTest {
    private static final String NEITHER = "neither";

    /** One buffered(2) channel, reached both directly and through one-clause selects. */
    @Param(name = "element", gen = ElementGen.class)
    public static final class OneChannel {
        private final Channel<Integer> channel = Channels.buffered(2);

        @Operation
        public Object trySend(@Param(name = "element") int element) {
            return ChannelCalls.trySendOrClosed(channel, element);
        }

        @Operation
        public Object tryReceive() {
            return ChannelCalls.tryReceiveOrClosed(channel);
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
        public Object selectSend(@Param(name = "element") int element) throws InterruptedException {
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

    /** Two channels, the operations Lincheck mixes on them ({@link TwoChannelOperations}) and biased selects. */
    public static final class TwoChannels extends TwoChannelOperations {
        public TwoChannels() {
            super(Channels.buffered(1), Channels.buffered(2));
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
        public Object selectSend(@Param(name = "element") int element) throws InterruptedException {
            try {
                return Select.selectBiased(
                        a.onSend(element, () -> "a"),
                        b.onSend(element, () -> "b"),
                        Select.orElse(() -> NEITHER));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        /**
         * Receives from {@code a} if it can, else from {@code b}, else blocks until one can.
         * Not an {@link Operation}: it would block in generated scenarios; only the hand-built
         * ones call it.
         */
        public Object receiveFromEither() throws InterruptedException {
            try {
                return Select.selectBiased(a.onReceive(e -> "a" + e), b.onReceive(e -> "b" + e));
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

        public Object receiveFromEither() {
            final Object r = selectReceive();
            return NEITHER.equals(r) ? ChannelModel.UNREACHABLE : r; // it would block
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

    private static Actor op(String name, Object... arguments) {
        return actor(OneChannel.class, name, arguments);
    }

    /**
     * Besides the generated scenarios, one that sends and receives through the selects only,
     * around a close, so that FIFO order and the closed branches show.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void oneClauseSelectWithOrElseIsLinearizableWithTryOperationsAndClose(Strategy strategy) {
        strategy.generated(OneChannelModel.class, List.of(scenario(
                        initial(op("trySend", 1)),
                        parallel(thread(op("selectSend", 2), op("close"), op("selectSend", 3)),
                                thread(op("selectReceive"), op("selectReceiveOrClosed"), op("selectReceive"))),
                        post(op("selectReceiveOrClosed"), op("tryReceive")))))
                .check(OneChannel.class);
    }

    private static Actor onTwo(String name, Object... arguments) {
        return actor(TwoChannels.class, name, arguments);
    }

    /**
     * A biased select blocked on two channels registers on both and is woken by a send to, or
     * a close of, the second; of two selects blocked together, one gets the element and the
     * other the close. Only the second channel changes while the selects run: with concurrent
     * changes to the first, the select is not atomic (see the disabled test below).
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void blockedSelectIsWokenThroughItsSecondClause(Strategy strategy) {
        strategy.only(TwoChannelsModel.class, List.of(
                        scenario(
                                initial(),
                                parallel(thread(onTwo("receiveFromEither"), onTwo("receiveFromEither")),
                                        thread(onTwo("trySendB", 1), onTwo("trySendB", 2))),
                                post(onTwo("tryReceiveA"), onTwo("tryReceiveB"))),
                        scenario(
                                initial(),
                                parallel(thread(onTwo("receiveFromEither")),
                                        thread(onTwo("receiveFromEither")),
                                        thread(onTwo("trySendB", 1), onTwo("closeB"))),
                                post(onTwo("tryReceiveB")))))
                .check(TwoChannels.class);
    }

    /**
     * Kept to show, and to check again if the select ever takes a snapshot, the race that made
     * the project decide that {@code selectBiased}'s preference is checked clause by clause
     * (see {@link Select#selectBiased}).
     */
    @Disabled("not guaranteed (decision in Select.selectBiased's javadoc): the preference is checked "
            + "clause by clause, not on a snapshot. Lincheck (model checking) finds: selectReceive "
            + "sees a empty; trySendA(2) and trySendB(3) complete; the select takes 3 from b and "
            + "returns b3, yet whenever b held 3, a held 2, so an atomic biased select returns a2.")
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void biasedSelectOverTwoChannelsIsLinearizableWithTryOperationsAndClose(Strategy strategy) {
        strategy.generated(TwoChannelsModel.class, List.of()).check(TwoChannels.class);
    }
}
