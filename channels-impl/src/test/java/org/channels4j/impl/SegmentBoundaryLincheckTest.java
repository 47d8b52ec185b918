package org.channels4j.impl;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.List;
import org.channels4j.lincheck.BlockingOperationsLincheckTest.BlockingOperations;
import org.channels4j.lincheck.ChannelModel;
import org.channels4j.lincheck.Strategy;
import org.channels4j.lincheck.TryOperationsLincheckTest;
import org.channels4j.lincheck.TryOperationsLincheckTest.TryOperations;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "Linearizability", for an unbounded channel whose {@link SegmentedQueue} has
 * segments of two slots, so that sends link new segments and receives leave old ones while
 * other threads are in the middle of them: the same checks against {@link ChannelModel} as
 * {@code TryOperationsLincheckTest} and {@code BlockingOperationsLincheckTest}, with
 * {@link ChannelInternals#unbounded(int)}, which only this package can reach: the reason it is in
 * {@code org.channels4j.impl} and not with the other Lincheck tests in
 * {@code org.channels4j.lincheck}.
 */
public class SegmentBoundaryLincheckTest {

    public static final class TinySegmentTryOperations extends TryOperations {
        public TinySegmentTryOperations() {
            super(ChannelInternals.unbounded(2));
        }
    }

    public static final class TinySegmentBlockingOperations extends BlockingOperations {
        public TinySegmentBlockingOperations() {
            super(ChannelInternals.unbounded(2));
        }
    }

    private static Actor op(String name, Object... arguments) {
        return actor(BlockingOperations.class, name, arguments);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void tryOperationsAcrossSegmentBoundariesAreLinearizable(Strategy strategy) {
        strategy.generated(ChannelModel.Unbounded.class, TryOperationsLincheckTest.orderAndCloseScenarios())
                .check(TinySegmentTryOperations.class);
    }

    /**
     * Receivers block at the end of one segment while a sender links the next: every element
     * arrives once and in its sender's order, and a close behind them is seen once they drain.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void blockedReceiversAcrossSegmentBoundariesAreLinearizable(Strategy strategy) {
        strategy.only(ChannelModel.Unbounded.class, List.of(
                scenario(
                        initial(),
                        parallel(thread(op("send", 1), op("send", 2), op("send", 3)),
                                thread(op("receive"), op("receive"), op("receive"))),
                        post(op("tryReceive"), op("size"))),
                scenario(
                        initial(op("send", 1)),
                        parallel(thread(op("send", 2), op("send", 3), op("close")),
                                thread(op("receive"), op("receive")),
                                thread(op("receive"), op("receive"))),
                        post(op("isClosedForReceive")))))
                .check(TinySegmentBlockingOperations.class);
    }
}
