package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, "Select", on unbuffered channels: two selects that cross, each sending on one
 * channel and receiving from the other, always meet. This is the pair that the thread-id
 * tie-break of {@code UnbufferedChannel} exists for: each can be the later one on a different
 * channel, and without the tie-break both act, cancel themselves and retry. That livelock
 * needs the two to keep alternating, which real threads soon stop doing, so this test
 * cannot show it; the deterministic {@code org.channels4j.impl.UnbufferedMatchOrderTest} does.
 * What this test shows on real platform and virtual threads is that the pair never loses its
 * rendezvous (a hang, reported by the bounded join with every thread's stack) and that every
 * round is exactly one handoff.
 */
class CrossingSelectsTest {
    private static final int ROUNDS = 50_000;
    private static final int SENT = -1;

    static Stream<Arguments> kindsAndBias() {
        return ThreadKind.each(true, false);
    }

    /**
     * Thread x runs {@code select(a.onSend(i), b.onReceive())} and thread y
     * {@code select(b.onSend(i), a.onReceive())}, each {@link #ROUNDS} times ({@code y}'s
     * clauses listed the other way round, so biased selects cross in registration order too).
     * Every round is one handoff that completes both selects, so the two stay in step: each
     * round's receiver gets the sender's round number, and x's sends are y's receives.
     */
    @ParameterizedTest(name = "{0}, biased: {1}")
    @MethodSource("kindsAndBias")
    void twoSelectsCrossingOnTwoUnbufferedChannelsMeetEveryRound(ThreadKind kind, boolean biased) throws Exception {
        final Channel<Integer> a = Channels.unbuffered();
        final Channel<Integer> b = Channels.unbuffered();
        final int[] sends = new int[2];
        final int[] outOfStep = new int[2];
        try (Workers workers = new Workers(kind)) {
            workers.start("x", () -> crossRounds(a, b, biased, sends, outOfStep, 0));
            workers.start("y", () -> crossRounds(b, a, biased, sends, outOfStep, 1));
            workers.joinAll(Duration.ofSeconds(30));
        }
        assertEquals(0, outOfStep[0] + outOfStep[1],
                "a select received something other than its partner's element of the same round");
        assertEquals(ROUNDS, sends[0] + sends[1], "every round must be exactly one handoff");
        assertNull(a.tryReceive(), "nothing may be left offered on a");
        assertNull(b.tryReceive(), "nothing may be left offered on b");
    }

    /** Worker {@code me}'s rounds: each sends its round number on {@code sendOn} or receives. */
    private static void crossRounds(Channel<Integer> sendOn, Channel<Integer> receiveFrom, boolean biased,
            int[] sends, int[] outOfStep, int me) throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            final var send = sendOn.onSend(round, () -> SENT);
            final var receive = receiveFrom.<Integer>onReceive(v -> v);
            // boxed: an element lost in a handoff arrives as null and must count, not throw
            final Integer r = biased ? Select.selectBiased(send, receive) : Select.select(send, receive);
            if (Integer.valueOf(SENT).equals(r)) {
                sends[me]++;
            } else if (!Integer.valueOf(round).equals(r)) {
                outOfStep[me]++;
            }
        }
    }
}
