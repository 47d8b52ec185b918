package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.HBClock;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, "Select" and "Linearizability", for the unbiased {@link Select#select} with two
 * channel clauses and {@code orElse}: each select takes effect atomically, completing one of
 * the clauses ready at that instant, whichever, or {@code orElse} if none is ready then.
 *
 * <p>Lincheck's own verifier needs a deterministic sequential specification, which cannot say
 * "any ready clause". So these checks set {@link NondeterministicLinearizabilityVerifier},
 * which searches the orders allowed by real time and the choices allowed by
 * {@link TwoChannelSelectModel}, where a select step may take any ready clause. Operations on
 * two channels {@code a} and {@code b}: {@code trySend}, {@code tryReceive} and {@code close}
 * on each, a select receiving from either (with {@code onReceive}, which throws once a closed
 * channel is drained, and with {@code onReceiveOrClosed}), a select sending to either, and a
 * select sending to {@code a} or receiving from {@code b}. All are non-blocking, so on
 * unbuffered channels, where no partner ever waits, only the closed clauses are ever ready:
 * that kind checks {@code orElse} and the closed branches only.
 *
 * <p>The check is shown to fail where it should: on hand-made histories
 * ({@link #verifierRejectsImpossibleHistories}), against a model that allows only the first
 * ready clause ({@link #modelThatAllowsOnlyTheFirstReadyClauseIsRefuted}), and on two
 * planted implementation bugs ({@link #plantedSelectBugsAreCaught}).
 */
public class UnbiasedSelectLincheckTest {
    private static final String NONE = TwoChannelSelectModel.NONE;

    /** The operations Lincheck mixes on two fresh channels per run: {@link TwoChannelOperations} and unbiased selects. */
    public abstract static class TwoChannels extends TwoChannelOperations {
        protected TwoChannels(Channel<Integer> a, Channel<Integer> b) {
            super(a, b);
        }

        /** Receives from whichever of {@code a} and {@code b} is ready, else returns at once. */
        @Operation
        public Object selectReceiveAny() throws InterruptedException {
            try {
                return Select.select(a.onReceive(e -> "a" + e), b.onReceive(e -> "b" + e), Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        /** As {@link #selectReceiveAny}, but a closed, drained channel's clause says which channel. */
        @Operation
        public Object selectReceiveOrClosedAny() throws InterruptedException {
            return Select.select(
                    a.onReceiveOrClosed(e -> "a" + e, cause -> "a closed"),
                    b.onReceiveOrClosed(e -> "b" + e, cause -> "b closed"),
                    Select.orElse(() -> NONE));
        }

        /** Sends to whichever of {@code a} and {@code b} has room, else returns at once. */
        @Operation
        public Object selectSendAny(@Param(name = "element") int element) throws InterruptedException {
            try {
                return Select.select(a.onSend(element, () -> "sent a"), b.onSend(element, () -> "sent b"),
                        Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        /** Sends to {@code a} or receives from {@code b}, whichever is ready, else returns at once. */
        @Operation
        public Object selectSendAReceiveB(@Param(name = "element") int element) throws InterruptedException {
            try {
                return Select.select(a.onSend(element, () -> "sent a"), b.onReceive(e -> "b" + e),
                        Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }
    }

    public static final class Unbuffered extends TwoChannels {
        public Unbuffered() {
            super(Channels.unbuffered(), Channels.unbuffered());
        }
    }

    public static final class Buffered1 extends TwoChannels {
        public Buffered1() {
            super(Channels.buffered(1), Channels.buffered(1));
        }
    }

    public static final class Buffered2 extends TwoChannels {
        public Buffered2() {
            super(Channels.buffered(2), Channels.buffered(2));
        }
    }

    enum Kind {
        UNBUFFERED(Unbuffered.class, TwoChannelSelectModel.Unbuffered.class),
        BUFFERED_1(Buffered1.class, TwoChannelSelectModel.Buffered1.class),
        BUFFERED_2(Buffered2.class, TwoChannelSelectModel.Buffered2.class);

        final Class<? extends TwoChannels> operations;
        final Class<? extends TwoChannelSelectModel> model;

        Kind(Class<? extends TwoChannels> operations, Class<? extends TwoChannelSelectModel> model) {
            this.operations = operations;
            this.model = model;
        }
    }

    /**
     * Every kind under every strategy, except unbuffered under stress: with no blocked partner
     * only its closed clauses and {@code orElse} can be ready, which model checking covers
     * exhaustively; leaving it out keeps a minute off the build.
     */
    static Stream<Arguments> kindsAndStrategies() {
        return Strategy.underEveryStrategy(Kind.values())
                .filter(a -> !(a.get()[0] == Kind.UNBUFFERED && a.get()[1] == Strategy.STRESS));
    }

    private static Actor op(String name, Object... arguments) {
        return actor(TwoChannels.class, name, arguments);
    }

    /** Both channels ready when the select starts: either clause may win, and the other keeps its element. */
    static ExecutionScenario bothReady() {
        return scenario(
                initial(op("trySendA", 1), op("trySendB", 2)),
                parallel(thread(op("selectReceiveAny")),
                        thread(op("trySendA", 3), op("selectReceiveOrClosedAny"))),
                post(op("tryReceiveA"), op("tryReceiveB")));
    }

    /**
     * {@code orElse} only if, at one instant, neither clause was ready: while the select looks
     * at {@code a} and then {@code b}, the other thread fills {@code a} and empties {@code b}.
     */
    static ExecutionScenario readinessMovesDuringTheScan() {
        return scenario(
                initial(op("trySendB", 1)),
                parallel(thread(op("selectReceiveAny"), op("selectReceiveAny")),
                        thread(op("trySendA", 2), op("tryReceiveB"), op("closeA"))),
                post(op("selectReceiveOrClosedAny"), op("selectReceiveAny")));
    }

    /** Sending selects racing a receiving select and a close. */
    static ExecutionScenario sendsAndClose() {
        return scenario(
                initial(op("trySendA", 1)),
                parallel(thread(op("selectSendAny", 2), op("selectSendAReceiveB", 3)),
                        thread(op("selectReceiveAny"), op("closeB"), op("selectSendAny", 1))),
                post(op("tryReceiveA"), op("tryReceiveB"), op("tryReceiveB")));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void unbiasedSelectIsLinearizableWithTryOperationsAndClose(Kind kind, Strategy strategy) {
        strategy.generated(kind.model, List.of(bothReady(), readinessMovesDuringTheScan(), sendsAndClose()))
                .verifier(NondeterministicLinearizabilityVerifier.class)
                .check(kind.operations);
    }

    // ------------------------------------------------------------------------------------------
    // The check can fail

    private static ResultWithClock at(Object value, int... clockOnStart) {
        return new ResultWithClock(new ValueResult(value), new HBClock(clockOnStart));
    }

    private static List<LincheckResult> values(Object... values) {
        return Stream.of(values).<LincheckResult>map(ValueResult::new).toList();
    }

    private static boolean verify(Class<?> model, ExecutionScenario scenario, ExecutionResult results) {
        return new NondeterministicLinearizabilityVerifier(model).verifyResults(scenario, results);
    }

    /**
     * The verifier alone, on histories written by hand (two threads, so each clock has two
     * entries: how many operations of each thread had completed when the operation started).
     */
    @Test
    void verifierRejectsImpossibleHistories() {
        final Class<?> unbiased = TwoChannelSelectModel.Buffered1.class;
        final Class<?> firstReadyOnly = TwoChannelSelectModel.Buffered1FirstReadyOnly.class;

        // Both channels hold an element; the select takes b's. Linearizable for an unbiased
        // select, not for one that must take the first ready clause (a is never emptied).
        final ExecutionScenario tookB = scenario(
                initial(op("trySendA", 1), op("trySendB", 2)),
                parallel(thread(op("selectReceiveAny")), thread(op("tryReceiveB"))),
                post(op("tryReceiveA")));
        final ExecutionResult tookBResults = new ExecutionResult(values(true, true),
                List.of(List.of(at("b2", 0, 0)), List.of(at(null, 0, 0))), values(1));
        assertTrue(verify(unbiased, tookB, tookBResults));
        assertFalse(verify(firstReadyOnly, tookB, tookBResults));

        // One element, taken twice.
        final ExecutionScenario twice = scenario(
                initial(op("trySendA", 1)),
                parallel(thread(op("selectReceiveAny")), thread(op("tryReceiveA"))),
                post());
        assertFalse(verify(unbiased, twice, new ExecutionResult(values(true),
                List.of(List.of(at("a1", 0, 0)), List.of(at(1, 0, 0))), values())));

        // orElse although a held its element throughout.
        final ExecutionScenario none = scenario(
                initial(op("trySendA", 1)),
                parallel(thread(op("selectReceiveAny")), thread(op("tryReceiveB"))),
                post(op("tryReceiveA")));
        assertFalse(verify(unbiased, none, new ExecutionResult(values(true),
                List.of(List.of(at(NONE, 0, 0)), List.of(at(null, 0, 0))), values(1))));

        // orElse while neither clause was ready at any one instant: the select overlaps
        // trySendA(2) then tryReceiveB(), but a filled before b emptied.
        final ExecutionScenario scan = scenario(
                initial(op("trySendB", 1)),
                parallel(thread(op("selectReceiveAny")), thread(op("trySendA", 2), op("tryReceiveB"))),
                post());
        assertFalse(verify(unbiased, scan, new ExecutionResult(values(true),
                List.of(List.of(at(NONE, 0, 0)), List.of(at(true, 0, 0), at(1, 0, 0))), values())));

        // Real time: a receive that started after a send had completed cannot miss its element;
        // overlapping them, it can.
        final ExecutionScenario sendThenReceive = scenario(
                initial(),
                parallel(thread(op("trySendA", 1)), thread(op("selectReceiveAny"))),
                post(op("tryReceiveA")));
        assertFalse(verify(unbiased, sendThenReceive, new ExecutionResult(values(),
                List.of(List.of(at(true, 0, 0)), List.of(at(NONE, 1, 0))), values(1))));
        assertTrue(verify(unbiased, sendThenReceive, new ExecutionResult(values(),
                List.of(List.of(at(true, 0, 0)), List.of(at(NONE, 0, 0))), values(1))));
    }

    /**
     * Run against the real select, a model that lets a select complete only its first ready
     * clause is refuted: with both channels ready, the real select sometimes takes {@code b}.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void modelThatAllowsOnlyTheFirstReadyClauseIsRefuted(Strategy strategy) {
        final ExecutionScenario bothReady = scenario(
                initial(op("trySendA", 1), op("trySendB", 2)),
                parallel(thread(op("selectReceiveAny")), thread(op("trySendA", 3))),
                post(op("tryReceiveA"), op("tryReceiveB")));
        assertInvalidResults(() -> strategy
                .only(TwoChannelSelectModel.Buffered1FirstReadyOnly.class, List.of(bothReady))
                .verifier(NondeterministicLinearizabilityVerifier.class)
                .check(Buffered1.class));
    }

    /** A planted bug: the select receives, then names the other channel. */
    public static final class MislabelledSelect extends TwoChannels {
        public MislabelledSelect() {
            super(Channels.buffered(1), Channels.buffered(1));
        }

        @Operation
        @Override
        public Object selectReceiveAny() throws InterruptedException {
            return Select.select(a.onReceive(e -> "b" + e), b.onReceive(e -> "a" + e), Select.orElse(() -> NONE));
        }
    }

    /**
     * A planted bug: a "select" made of one {@code tryReceive} after another, which is not
     * atomic: it can return {@code orElse} though a channel was ready at every instant.
     */
    public static final class SelectFromTryOperations extends TwoChannels {
        public SelectFromTryOperations() {
            super(Channels.buffered(1), Channels.buffered(1));
        }

        @Operation
        @Override
        public Object selectReceiveAny() {
            final Integer fromA = a.tryReceive();
            if (fromA != null) {
                return "a" + fromA;
            }
            final Integer fromB = b.tryReceive();
            return fromB != null ? "b" + fromB : NONE;
        }
    }

    enum PlantedBug {
        MISLABELLED_SELECT(MislabelledSelect.class, scenario(
                initial(op("trySendA", 1), op("trySendB", 2)),
                parallel(thread(op("selectReceiveAny")), thread(op("tryReceiveA"))),
                post())),
        SELECT_FROM_TRY_OPERATIONS(SelectFromTryOperations.class, scenario(
                initial(op("trySendB", 1)),
                parallel(thread(op("selectReceiveAny")), thread(op("trySendA", 2), op("tryReceiveB"))),
                post()));

        final Class<? extends TwoChannels> operations;
        final ExecutionScenario scenario;

        PlantedBug(Class<? extends TwoChannels> operations, ExecutionScenario scenario) {
            this.operations = operations;
            this.scenario = scenario;
        }
    }

    /**
     * Each planted bug fails the check under model checking, which finds the interleaving
     * (the non-atomic select needs one precise schedule, which stress seldom hits).
     */
    @ParameterizedTest
    @EnumSource(PlantedBug.class)
    void plantedSelectBugsAreCaught(PlantedBug bug) {
        assertInvalidResults(() -> Strategy.MODEL_CHECKING
                .only(TwoChannelSelectModel.Buffered1.class, List.of(bug.scenario))
                .verifier(NondeterministicLinearizabilityVerifier.class)
                .check(bug.operations));
    }

    /** Lincheck fails the check because the verifier rejected some run's results, not otherwise. */
    private static void assertInvalidResults(Executable check) {
        final LincheckAssertionError error = assertThrows(LincheckAssertionError.class, check);
        assertTrue(error.getMessage().contains("= Invalid execution results ="), error::getMessage);
    }
}
