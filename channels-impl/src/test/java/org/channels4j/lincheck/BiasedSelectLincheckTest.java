package org.channels4j.lincheck;

import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, "Select" and "Linearizability", for {@link Select#selectBiased} over two channel
 * clauses and {@code orElse}: the same operations, scenarios, model and verifier as
 * {@link UnbiasedSelectLincheckTest}, with every select biased.
 *
 * <p>A biased select's preference is checked clause by clause, not on a snapshot (the decision
 * in {@code Select.selectBiased}'s javadoc, and the disabled test of
 * {@link SelectLincheckTest}), so it is not linearizable against a model that must complete the
 * first ready clause. It is against {@link TwoChannelSelectModel}, where a select may complete
 * any clause ready at its instant and {@code orElse} only if none is: that still rejects an
 * element taken twice or lost, a clause completed on the wrong channel, and an {@code orElse}
 * although at every instant of the select some clause was ready. Before this test no Lincheck
 * check ran a biased select over two channels with {@code orElse} at all: a biased select that
 * took {@code orElse} after one scan, without the double collect of {@code Selection.tryNowOrElse},
 * passed every other Lincheck test (planted in the Lincheck audit, 2026-12-07).
 */
public class BiasedSelectLincheckTest {
    private static final String NONE = TwoChannelSelectModel.NONE;

    /** {@link UnbiasedSelectLincheckTest.TwoChannels}' operations, each select biased (a's clause first). */
    public abstract static class BiasedTwoChannels extends UnbiasedSelectLincheckTest.TwoChannels {
        protected BiasedTwoChannels(Channel<Integer> a, Channel<Integer> b) {
            super(a, b);
        }

        @Operation
        @Override
        public Object selectReceiveAny() throws InterruptedException {
            try {
                return Select.selectBiased(a.onReceive(e -> "a" + e), b.onReceive(e -> "b" + e),
                        Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        @Operation
        @Override
        public Object selectReceiveOrClosedAny() throws InterruptedException {
            return Select.selectBiased(
                    a.onReceiveOrClosed(e -> "a" + e, cause -> "a closed"),
                    b.onReceiveOrClosed(e -> "b" + e, cause -> "b closed"),
                    Select.orElse(() -> NONE));
        }

        @Operation
        @Override
        public Object selectSendAny(@Param(name = "element") int element) throws InterruptedException {
            try {
                return Select.selectBiased(a.onSend(element, () -> "sent a"), b.onSend(element, () -> "sent b"),
                        Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        @Operation
        @Override
        public Object selectSendAReceiveB(@Param(name = "element") int element) throws InterruptedException {
            try {
                return Select.selectBiased(a.onSend(element, () -> "sent a"), b.onReceive(e -> "b" + e),
                        Select.orElse(() -> NONE));
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }
    }

    public static final class Buffered1 extends BiasedTwoChannels {
        public Buffered1() {
            super(Channels.buffered(1), Channels.buffered(1));
        }
    }

    public static final class Buffered2 extends BiasedTwoChannels {
        public Buffered2() {
            super(Channels.buffered(2), Channels.buffered(2));
        }
    }

    enum Kind {
        BUFFERED_1(Buffered1.class, TwoChannelSelectModel.Buffered1.class),
        BUFFERED_2(Buffered2.class, TwoChannelSelectModel.Buffered2.class);

        final Class<? extends BiasedTwoChannels> operations;
        final Class<? extends TwoChannelSelectModel> model;

        Kind(Class<? extends BiasedTwoChannels> operations, Class<? extends TwoChannelSelectModel> model) {
            this.operations = operations;
            this.model = model;
        }
    }

    static Stream<Arguments> kindsAndStrategies() {
        return Strategy.underEveryStrategy(Kind.values());
    }

    /**
     * Generated scenarios, after the three hand-built ones of {@link UnbiasedSelectLincheckTest}
     * (built on its methods, which these overrides replace): both channels ready, readiness
     * moving from {@code b} to {@code a} while the select scans them, sends racing a close.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void biasedSelectIsLinearizableWithTryOperationsAndClose(Kind kind, Strategy strategy) {
        strategy.generated(kind.model, List.of(UnbiasedSelectLincheckTest.bothReady(),
                        UnbiasedSelectLincheckTest.readinessMovesDuringTheScan(),
                        UnbiasedSelectLincheckTest.sendsAndClose()))
                .verifier(NondeterministicLinearizabilityVerifier.class)
                .check(kind.operations);
    }
}
