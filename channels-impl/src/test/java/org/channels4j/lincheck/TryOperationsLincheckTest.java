package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, "Linearizability": the non-blocking operations of every channel kind take effect
 * atomically. Lincheck generates scenarios over {@code trySend}, {@code tryReceive},
 * {@code close}, {@code isClosedForSend}, {@code isClosedForReceive} and {@code size}, runs them
 * under {@link Strategy model checking and stress}, and checks every run against
 * {@link ChannelModel}. Elements are 1 to 3 in turn ({@link ElementGen}), so that buffers fill
 * and FIFO order shows; {@link #orderAndCloseScenarios()} add what random draws seldom make.
 */
public class TryOperationsLincheckTest {

    /**
     * The operations Lincheck calls on one fresh channel per run. A
     * {@code ChannelClosedException} is returned as {@link ChannelModel#CLOSED}, as the model
     * does; any other exception is a result the model never gives, so it fails the check.
     */
    public abstract static class TryOperations {
        protected final Channel<Integer> channel;

        protected TryOperations(Channel<Integer> channel) {
            this.channel = channel;
        }

        @Operation
        public Object trySend(@Param(gen = ElementGen.class) int element) {
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

        @Operation
        public boolean isClosedForSend() {
            return channel.isClosedForSend();
        }

        @Operation
        public boolean isClosedForReceive() {
            return channel.isClosedForReceive();
        }

        @Operation
        public int size() {
            return channel.size();
        }
    }

    public static final class Unbuffered extends TryOperations {
        public Unbuffered() {
            super(Channels.unbuffered());
        }
    }

    public static final class Buffered1 extends TryOperations {
        public Buffered1() {
            super(Channels.buffered(1));
        }
    }

    public static final class Buffered2 extends TryOperations {
        public Buffered2() {
            super(Channels.buffered(2));
        }
    }

    /** Default segments: the scenarios stay inside the first segment. */
    public static final class Unbounded extends TryOperations {
        public Unbounded() {
            super(Channels.unbounded());
        }
    }

    enum Kind {
        UNBUFFERED(Unbuffered.class, ChannelModel.Unbuffered.class),
        BUFFERED_1(Buffered1.class, ChannelModel.Buffered1.class),
        BUFFERED_2(Buffered2.class, ChannelModel.Buffered2.class),
        UNBOUNDED(Unbounded.class, ChannelModel.Unbounded.class);

        final Class<? extends TryOperations> operations;
        final Class<? extends ChannelModel> model;

        Kind(Class<? extends TryOperations> operations, Class<? extends ChannelModel> model) {
            this.operations = operations;
            this.model = model;
        }
    }

    static Stream<Arguments> kindsAndStrategies() {
        return Strategy.underEveryStrategy(Kind.values());
    }

    private static Actor op(String name, Object... arguments) {
        return actor(TryOperations.class, name, arguments);
    }

    /**
     * Two scenarios run before the generated ones, because uniformly drawn operations seldom
     * put several sends before a receive or keep the channel open long enough: three sends
     * racing three receives, where only FIFO order explains the results, and two closes racing
     * sends and receives on a channel that already holds elements, which must still be drained.
     */
    public static List<ExecutionScenario> orderAndCloseScenarios() {
        return List.of(
                scenario(
                        initial(),
                        parallel(thread(op("trySend", 1), op("trySend", 2), op("trySend", 3)),
                                thread(op("tryReceive"), op("tryReceive"), op("tryReceive"))),
                        post(op("size"), op("tryReceive"))),
                scenario(
                        initial(op("trySend", 1), op("trySend", 2)),
                        parallel(thread(op("tryReceive"), op("close"), op("trySend", 3)),
                                thread(op("isClosedForSend"), op("tryReceive"), op("isClosedForReceive"), op("close"))),
                        post(op("size"), op("tryReceive"), op("isClosedForReceive"))));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void tryOperationsCloseAndQueriesAreLinearizable(Kind kind, Strategy strategy) {
        strategy.generated(kind.model, orderAndCloseScenarios()).check(kind.operations);
    }
}
