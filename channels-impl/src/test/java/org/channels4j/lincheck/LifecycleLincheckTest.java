package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelBuilder;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, "Element lifecycle": {@code trySend}, {@code tryReceive}, {@code close} and
 * {@code cancel} on channels that drop (DROP_OLDEST, DROP_LATEST, conflated) or discard (a
 * blocking buffer and an unbounded channel, cancelled) are linearizable, handler calls
 * included: each operation reports the elements it handed to the handler, and
 * {@link LifecycleModel} says which elements that must be. So an element both received and
 * handed over, handed over twice, or dropped without a handler call, gives results no order of
 * atomic steps explains. Checked by model checking and stress ({@link Strategy}).
 */
public class LifecycleLincheckTest {

    /**
     * The operations on one fresh channel per run. The handler appends to a list of the calling
     * thread, which each operation empties into its result, as the model does.
     */
    public abstract static class LifecycleOperations {
        private final ThreadLocal<List<Integer>> handedHere = ThreadLocal.withInitial(ArrayList::new);
        protected final Channel<Integer> channel;

        protected LifecycleOperations(ChannelBuilder<Integer> builder) {
            this.channel = builder.onUndelivered(e -> handedHere.get().add(e)).build();
        }

        private Object reporting(Supplier<Object> operation) {
            final List<Integer> handed = handedHere.get();
            handed.clear();
            Object result;
            try {
                result = operation.get();
            } catch (ChannelClosedException closed) {
                result = ChannelModel.CLOSED;
            }
            return LifecycleModel.handed(result, new ArrayList<>(handed));
        }

        @Operation
        public Object trySend(@Param(gen = ElementGen.class) int element) {
            return reporting(() -> channel.trySend(element));
        }

        @Operation
        public Object tryReceive() {
            return reporting(channel::tryReceive);
        }

        /**
         * Reported like the others, so that a handler call a close made (which the model never
         * makes) shows in its result instead of being cleared, unseen, by the next operation.
         */
        @Operation
        public Object close() {
            return reporting(channel::close);
        }

        @Operation
        public Object cancel() {
            return reporting(channel::cancel);
        }
    }

    public static final class DropOldest2 extends LifecycleOperations {
        public DropOldest2() {
            super(Channels.<Integer>builder().capacity(2).overflow(Overflow.DROP_OLDEST));
        }
    }

    public static final class DropLatest2 extends LifecycleOperations {
        public DropLatest2() {
            super(Channels.<Integer>builder().capacity(2).overflow(Overflow.DROP_LATEST));
        }
    }

    /** {@code conflated()} with a handler: capacity 1, DROP_OLDEST. */
    public static final class Conflated extends LifecycleOperations {
        public Conflated() {
            super(Channels.<Integer>builder().capacity(1).overflow(Overflow.DROP_OLDEST));
        }
    }

    public static final class Block2 extends LifecycleOperations {
        public Block2() {
            super(Channels.<Integer>builder().capacity(2));
        }
    }

    public static final class Unbounded extends LifecycleOperations {
        public Unbounded() {
            super(Channels.<Integer>builder().unbounded());
        }
    }

    enum Kind {
        DROP_OLDEST_2(DropOldest2.class, LifecycleModel.DropOldest2.class),
        DROP_LATEST_2(DropLatest2.class, LifecycleModel.DropLatest2.class),
        CONFLATED(Conflated.class, LifecycleModel.Conflated.class),
        BLOCK_2(Block2.class, LifecycleModel.Block2.class),
        UNBOUNDED(Unbounded.class, LifecycleModel.Unbounded.class);

        final Class<? extends LifecycleOperations> operations;
        final Class<? extends LifecycleModel> model;

        Kind(Class<? extends LifecycleOperations> operations, Class<? extends LifecycleModel> model) {
            this.operations = operations;
            this.model = model;
        }
    }

    static Stream<Arguments> kindsAndStrategies() {
        return Strategy.underEveryStrategy(Kind.values());
    }

    private static Actor op(String name, Object... arguments) {
        return actor(LifecycleOperations.class, name, arguments);
    }

    /**
     * Races random draws seldom set up: sends on a full buffer racing receives (on DROP_OLDEST
     * the oldest element is received or handed over, never both); a cancel racing a send and a
     * receive on a full buffer; and a cancel racing a close, which must not return before the
     * cancel took effect.
     */
    public static List<ExecutionScenario> fullBufferScenarios() {
        return List.of(
                scenario(
                        initial(op("trySend", 1), op("trySend", 2)),
                        parallel(thread(op("trySend", 3), op("trySend", 1)),
                                thread(op("tryReceive"), op("tryReceive"))),
                        post(op("tryReceive"), op("tryReceive"), op("cancel"))),
                scenario(
                        initial(op("trySend", 1), op("trySend", 2)),
                        parallel(thread(op("trySend", 3), op("cancel")),
                                thread(op("tryReceive"), op("trySend", 1), op("tryReceive"))),
                        post(op("tryReceive"), op("cancel"))),
                scenario(
                        initial(op("trySend", 1), op("trySend", 2)),
                        parallel(thread(op("cancel")),
                                thread(op("close"), op("tryReceive"))),
                        post(op("tryReceive"))));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void sendsReceivesClosesAndCancelsWithTheirHandlerCallsAreLinearizable(Kind kind, Strategy strategy) {
        strategy.generated(kind.model, fullBufferScenarios()).check(kind.operations);
    }
}
