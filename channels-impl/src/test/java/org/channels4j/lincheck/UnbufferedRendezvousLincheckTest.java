package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.Arrays;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.lincheck.BlockingOperationsLincheckTest.BlockingOperations;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendezvous of {@code UnbufferedChannel} when both parties arrive at once: the two rules
 * of its class comment ("Who matches whom") and a {@code trySend} racing a blocked receive.
 *
 * <p>Model checking runs the scenarios below under many interleavings, and reports a run in
 * which no thread can finish (every unfinished thread spins in a loop that changes nothing;
 * its {@code park} returns at once, so a parked-for-good waiter spins) as a livelock: this is
 * how a lost rendezvous shows. Every scenario completes in every interleaving on a correct
 * channel.
 * <ul>
 *   <li>{@link #aSendAndAReceiveArrivingTogetherAlwaysMeet}: the <em>re-check rule</em>.
 *       A re-check that met an unsettled partner of smaller thread id and skipped it instead of
 *       waiting for it to settle would lose the rendezvous whenever that partner had looked
 *       before our append: both park for good.</li>
 *   <li>{@link #twoSelectsCrossingOnTwoChannelsAlwaysComplete}: two selects, each meeting
 *       the other on a different channel. The same rule decides between them: the select of
 *       the smaller thread id acts, the other waits for it to settle or leave. Acting on any
 *       unsettled partner lets both act, cancel and retry, but to keep doing so they must keep
 *       alternating, with thread switches in every round, which a bounded search does not
 *       reach: that rule is checked deterministically in
 *       {@code org.channels4j.impl.UnbufferedMatchOrderTest} and by jcstress
 *       {@code RecheckStress}.</li>
 *   <li>{@link #trySendRacingABlockedReceiveEitherHandsOverOrLeavesItToTheClose}: an
 *       unbuffered {@code trySend} succeeds only if a receiver is already waiting, so its
 *       result depends on timing. A sequential specification cannot say "a receiver is
 *       waiting", so this check names the admissible results itself
 *       ({@link TrySendThenCloseOutcomes}).</li>
 * </ul>
 */
public class UnbufferedRendezvousLincheckTest {

    private static Actor onOne(String name, Object... arguments) {
        return actor(BlockingOperations.class, name, arguments);
    }

    /**
     * A send and a receive start together on an unbuffered channel: in every interleaving they
     * meet, and nothing is left over. Lost-rendezvous regression: fails if a re-check skips an
     * unsettled partner of smaller thread id instead of waiting for it (planted 2026-12-05:
     * model checking reported "The execution has hung").
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aSendAndAReceiveArrivingTogetherAlwaysMeet(Strategy strategy) {
        strategy.only(ChannelModel.Unbuffered.class, List.of(scenario(
                        initial(),
                        parallel(thread(onOne("send", 1)), thread(onOne("receive"))),
                        post(onOne("tryReceive")))))
                .check(BlockingOperationsLincheckTest.Unbuffered.class);
    }

    /**
     * Two unbuffered channels and two selects that cross on them: {@code x} sends 1 on
     * {@code a} or receives from {@code b}, {@code y} sends 2 on {@code b} or receives from
     * {@code a}. Biased selects register in argument order, so listing {@code y}'s clauses the
     * other way round lets the two alternate their registrations and each be the later one
     * on one channel; unbiased ones register in a random order.
     */
    public static final class CrossingSelects {
        private final Channel<Integer> a = Channels.unbuffered();
        private final Channel<Integer> b = Channels.unbuffered();

        public Object x(boolean biased) throws InterruptedException {
            return sendOrReceive(a, "A", 1, b, "B", biased);
        }

        public Object y(boolean biased) throws InterruptedException {
            return sendOrReceive(b, "B", 2, a, "A", biased);
        }

        private static Object sendOrReceive(Channel<Integer> sendOn, String sendName, int element,
                Channel<Integer> receiveFrom, String receiveName, boolean biased) throws InterruptedException {
            final var send = sendOn.onSend(element, () -> "sent" + sendName);
            final var receive = receiveFrom.<Object>onReceive(e -> "got" + receiveName + e);
            return biased ? Select.selectBiased(send, receive) : Select.select(send, receive);
        }
    }

    /**
     * The sequential specification of {@link CrossingSelects}, in the style of
     * {@link ChannelModel}: a select that sends leaves its element pending for the receive that
     * takes it next, so the admissible results are exactly one handoff, on {@code a}
     * (sentA, gotA1) or on {@code b} (gotB2, sentB).
     */
    public static final class CrossingSelectsModel {
        private static final String[] NAMES = {"A", "B"};
        /** The element a select's send left for its receiver, on a and on b; null if none. */
        private final Integer[] pending = new Integer[2];

        public Object x(boolean biased) {
            return sendOrReceive(0, 1, 1);
        }

        public Object y(boolean biased) {
            return sendOrReceive(1, 2, 0);
        }

        private Object sendOrReceive(int sendOn, int element, int receiveFrom) {
            if (pending[receiveFrom] != null) {
                final Object got = "got" + NAMES[receiveFrom] + pending[receiveFrom];
                pending[receiveFrom] = null;
                return got;
            }
            if (pending[sendOn] != null) {
                return ChannelModel.UNREACHABLE; // the previous send's receiver comes first
            }
            pending[sendOn] = element;
            return "sent" + NAMES[sendOn];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CrossingSelectsModel m && Arrays.equals(pending, m.pending);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pending);
        }
    }

    /**
     * Two selects that may meet each other on two channels both complete, by exactly one
     * handoff. A select of the larger thread id that skips the other while it is still
     * re-checking, instead of waiting for it to settle, was planted on 2026-12-05 and passed
     * here (the bounded search did not reach the losing interleaving); jcstress
     * {@code RecheckStress} and {@code org.channels4j.impl.UnbufferedMatchOrderTest} catch it.
     */
    @ParameterizedTest(name = "biased: {0}")
    @ValueSource(booleans = {true, false})
    void twoSelectsCrossingOnTwoChannelsAlwaysComplete(boolean biased) {
        Strategy.MODEL_CHECKING.only(CrossingSelectsModel.class, List.of(scenario(
                        initial(),
                        parallel(thread(actor(CrossingSelects.class, "x", biased)),
                                thread(actor(CrossingSelects.class, "y", biased))),
                        post())))
                .check(CrossingSelects.class);
    }

    /**
     * The admissible results of {@code receive() || trySend(1); close()} on an unbuffered
     * channel: either a receiver was waiting when {@code trySend} looked, which then hands 1
     * over, or none was, {@code trySend} fails and the receive is ended by the close. Every
     * other combination (an element lost or duplicated, a {@code trySend} that reports success
     * without a handoff, a close that reports it did not close) is a failure.
     */
    public static final class TrySendThenCloseOutcomes implements Verifier {
        private static final List<List<Object>> ADMISSIBLE = List.of(
                List.of(1, true, true, true),
                List.of(ChannelModel.CLOSED, false, true, true));

        /** The signature Lincheck instantiates verifiers with; no model is needed. */
        public TrySendThenCloseOutcomes(Class<?> sequentialSpecification) {
        }

        @Override
        public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
            final List<List<ResultWithClock>> threads = result.getParallelResultsWithClock();
            final List<Object> values = Arrays.asList( // not List.of: a broken receive may return null
                    value(threads.get(0).get(0).getResult()),
                    value(threads.get(1).get(0).getResult()),
                    value(threads.get(1).get(1).getResult()),
                    value(result.getPostResults().get(0)));
            return ADMISSIBLE.contains(values);
        }

        private static Object value(LincheckResult r) {
            return r instanceof ValueResult v ? v.getValue() : r;
        }
    }

    /**
     * A receive blocks on an unbuffered channel while a {@code trySend(1)} and then a close
     * run: the receive gets 1 exactly when the {@code trySend} succeeded, and the close ends it
     * otherwise; both strategies, so real threads race it too. Fails if the handoff of a
     * {@code trySend} commits the receiver without the element (the receive returns null).
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void trySendRacingABlockedReceiveEitherHandsOverOrLeavesItToTheClose(Strategy strategy) {
        strategy.only(ChannelModel.Unbuffered.class, List.of(scenario(
                        initial(),
                        parallel(thread(onOne("receive")), thread(onOne("trySend", 1), onOne("close"))),
                        post(onOne("isClosedForReceive")))))
                .verifier(TrySendThenCloseOutcomes.class)
                .check(BlockingOperationsLincheckTest.Unbuffered.class);
    }
}
