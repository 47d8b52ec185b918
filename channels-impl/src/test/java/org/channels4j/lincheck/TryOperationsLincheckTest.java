package org.channels4j.lincheck;

import java.util.Arrays;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.jetbrains.lincheck.datastructures.IntGen;
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
 * {@link ChannelModel}. Elements are 1 to 3, so that buffers fill and FIFO order shows.
 */
public class TryOperationsLincheckTest {

    /**
     * The operations Lincheck calls on one fresh channel per run. A
     * {@code ChannelClosedException} is returned as {@link ChannelModel#CLOSED}, as the model
     * does; any other exception is a result the model never gives, so it fails the check.
     */
    public abstract static class TryOperations {
        private final Channel<Integer> channel;

        protected TryOperations(Channel<Integer> channel) {
            this.channel = channel;
        }

        @Operation
        public Object trySend(@Param(gen = IntGen.class, conf = "1:3") int element) {
            try {
                return channel.trySend(element);
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        @Operation
        public Object tryReceive() {
            try {
                return channel.tryReceive();
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
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
        return Arrays.stream(Kind.values()).flatMap(kind ->
                Arrays.stream(Strategy.values()).map(strategy -> Arguments.of(kind, strategy)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void tryOperationsCloseAndQueriesAreLinearizable(Kind kind, Strategy strategy) {
        strategy.generated(kind.model).check(kind.operations);
    }
}
