package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.lincheck.TryOperationsLincheckTest.TryOperations;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, "Linearizability" and "Close", for the blocking {@code send} and {@code receive}:
 * they take effect atomically, also when they block and are woken by a partner or by close.
 *
 * <p>Lincheck would report a generated scenario whose blocked call never returns as hung, so
 * these scenarios are built by hand so that every call returns in every interleaving (a receive
 * left waiting on an open channel would be a hang, and is one Lincheck reports). Each is
 * checked against {@link ChannelModel}, whose {@link ChannelModel#UNREACHABLE} answers make the
 * verifier place each blocking call where it can complete.
 */
public class BlockingOperationsLincheckTest {

    /**
     * The try operations plus the blocking {@code send} and {@code receive}, on one fresh
     * channel per run. The blocking two are not {@link Operation}s, so that no generated
     * scenario can call them; only the hand-built ones below do.
     */
    public abstract static class BlockingOperations extends TryOperations {
        protected BlockingOperations(Channel<Integer> channel) {
            super(channel);
        }

        public Object send(int element) throws InterruptedException {
            try {
                channel.send(element);
                return ChannelModel.SENT;
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }

        public Object receive() throws InterruptedException {
            try {
                return channel.receive();
            } catch (ChannelClosedException closed) {
                return ChannelModel.CLOSED;
            }
        }
    }

    public static final class Unbuffered extends BlockingOperations {
        public Unbuffered() {
            super(Channels.unbuffered());
        }
    }

    public static final class Buffered1 extends BlockingOperations {
        public Buffered1() {
            super(Channels.buffered(1));
        }
    }

    /**
     * A channel kind whose sends can block, and how many sends fill it without blocking: none
     * for unbuffered (no receiver), one for buffered(1). Unbounded channels, whose receives
     * are the only blocking calls, are checked with tiny segments in
     * {@code SegmentBoundaryLincheckTest}.
     */
    enum Kind {
        UNBUFFERED(Unbuffered.class, ChannelModel.Unbuffered.class, 0),
        BUFFERED_1(Buffered1.class, ChannelModel.Buffered1.class, 1);

        final Class<? extends BlockingOperations> operations;
        final Class<? extends ChannelModel> model;
        final int fillingSends;

        Kind(Class<? extends BlockingOperations> operations, Class<? extends ChannelModel> model, int fillingSends) {
            this.operations = operations;
            this.model = model;
            this.fillingSends = fillingSends;
        }

        void check(Strategy strategy, ExecutionScenario scenario) {
            strategy.only(model, List.of(scenario)).check(operations);
        }
    }

    static Stream<Arguments> kindsAndStrategies() {
        return Strategy.underEveryStrategy(Kind.values());
    }

    static Actor send(int element) {
        return actor(BlockingOperations.class, "send", element);
    }

    static Actor receive() {
        return actor(BlockingOperations.class, "receive");
    }

    static Actor tryReceive() {
        return actor(BlockingOperations.class, "tryReceive");
    }

    static Actor close() {
        return actor(BlockingOperations.class, "close");
    }

    static Actor isClosedForReceive() {
        return actor(BlockingOperations.class, "isClosedForReceive");
    }

    static Actor size() {
        return actor(BlockingOperations.class, "size");
    }

    /** Two sends race two receives: each receive gets one of the elements, nothing is left. */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void twoSendersRacingTwoReceiversHandOverEachElementOnce(Kind kind, Strategy strategy) {
        kind.check(strategy, scenario(
                initial(),
                parallel(thread(send(1)), thread(send(2)), thread(receive()), thread(receive())),
                post(tryReceive(), size())));
    }

    /** One sender's elements arrive in order, and a receive after its close gets CLOSED. */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void oneSendersElementsArriveInOrderThenTheCloseIsSeen(Kind kind, Strategy strategy) {
        kind.check(strategy, scenario(
                initial(),
                parallel(thread(send(1), send(2), close()), thread(receive(), receive(), receive())),
                post(isClosedForReceive())));
    }

    /** A receive blocked on an empty channel is woken by close and reports it. */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void closeWakesABlockedReceiver(Kind kind, Strategy strategy) {
        kind.check(strategy, scenario(
                initial(),
                parallel(thread(receive()), thread(close())),
                post(isClosedForReceive(), tryReceive())));
    }

    /**
     * A send blocked on a full channel is woken by close and fails; the elements buffered
     * before the close are still received, then receive reports the close.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void closeWakesABlockedSenderAndKeepsTheBufferedElements(Kind kind, Strategy strategy) {
        final Actor[] fill = new Actor[kind.fillingSends];
        Arrays.fill(fill, send(1));
        kind.check(strategy, scenario(
                initial(fill),
                parallel(thread(send(2)), thread(close())),
                post(size(), receive(), receive(), receive())));
    }

    /**
     * A sender blocked on a full channel, the receive that frees its slot (and on a buffered
     * channel moves its element into the buffer for it) and a close race: the blocked send
     * reports success only if its element was received or is still buffered for the receives
     * after the close, and fails otherwise. Before this scenario no check had a blocked sender
     * served while the channel closed: a receive that reported the sender SENT though its offer
     * found the channel closed (the element lost) passed every Lincheck test (planted in the
     * Lincheck audit, 2026-12-07).
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void aBlockedSenderServedWhileTheChannelClosesIsSentOnlyIfItsElementArrives(Kind kind, Strategy strategy) {
        final Actor[] fill = new Actor[kind.fillingSends];
        Arrays.fill(fill, send(1));
        kind.check(strategy, scenario(
                initial(fill),
                parallel(thread(send(2)), thread(receive()), thread(close())),
                post(receive(), receive())));
    }

    /**
     * A send, a receive and a close race: either the element is handed over before the close
     * (or buffered before it and received after it), or both calls see the close.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void sendReceiveAndCloseRacingAgreeOnWhetherTheElementWasSent(Kind kind, Strategy strategy) {
        kind.check(strategy, scenario(
                initial(),
                parallel(thread(send(1)), thread(receive()), thread(close())),
                post(tryReceive(), isClosedForReceive())));
    }

    /**
     * A tryReceive takes the element of a send (blocked, on unbuffered) or finds nothing, and
     * the blocking receive after it gets the element or, once the sender has closed, CLOSED.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kindsAndStrategies")
    void tryReceiveAndReceiveTakeTheElementExactlyOnce(Kind kind, Strategy strategy) {
        kind.check(strategy, scenario(
                initial(),
                parallel(thread(send(1), close()), thread(tryReceive(), receive())),
                post(isClosedForReceive())));
    }
}
