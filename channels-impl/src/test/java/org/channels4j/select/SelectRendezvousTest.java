package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, Select: a select "blocks until at least one clause can proceed, completes exactly
 * one of them"; "the same channel may appear in several clauses of one select, as both sender
 * and receiver; a select never matches itself". Every way of sending meets every way of
 * receiving, whichever side parks first.
 */
@Timeout(120)
class SelectRendezvousTest {

    /** The ways to send {@code v} on {@code ch}; nobody ever receives from {@code idle}. */
    enum Send {
        PLAIN {
            @Override
            String send(Channel<String> ch, Channel<String> idle, String v) throws InterruptedException {
                ch.send(v);
                return "sent";
            }
        },
        ONE_CLAUSE {
            @Override
            String send(Channel<String> ch, Channel<String> idle, String v) throws InterruptedException {
                return Select.select(ch.onSend(v, () -> "sent"));
            }
        },
        TWO_CLAUSES_SAME_CHANNEL {
            @Override
            String send(Channel<String> ch, Channel<String> idle, String v) throws InterruptedException {
                return Select.select(ch.onSend(v, () -> "sent"), ch.onSend(v, () -> "sent"));
            }
        },
        TWO_CLAUSES_ONE_IDLE {
            @Override
            String send(Channel<String> ch, Channel<String> idle, String v) throws InterruptedException {
                return Select.select(idle.onSend(v, () -> "sent on idle"), ch.onSend(v, () -> "sent"));
            }
        };

        abstract String send(Channel<String> ch, Channel<String> idle, String v) throws InterruptedException;
    }

    /** The ways to receive from {@code ch}; nobody ever sends on {@code idle}. */
    enum Receive {
        PLAIN {
            @Override
            String receive(Channel<String> ch, Channel<String> idle) throws InterruptedException {
                return ch.receive();
            }
        },
        ONE_CLAUSE {
            @Override
            String receive(Channel<String> ch, Channel<String> idle) throws InterruptedException {
                return Select.select(ch.onReceive());
            }
        },
        TWO_CLAUSES_SAME_CHANNEL {
            @Override
            String receive(Channel<String> ch, Channel<String> idle) throws InterruptedException {
                return Select.select(ch.onReceive(), ch.onReceive());
            }
        },
        TWO_CLAUSES_ONE_IDLE {
            @Override
            String receive(Channel<String> ch, Channel<String> idle) throws InterruptedException {
                return Select.select(idle.onReceive(v -> "received on idle"), ch.onReceive());
            }
        };

        abstract String receive(Channel<String> ch, Channel<String> idle) throws InterruptedException;
    }

    static Stream<Arguments> pairings() {
        final List<Arguments> all = new ArrayList<>();
        for (ThreadKind kind : ThreadKind.values()) {
            for (int capacity : new int[] {0, 1}) {
                for (Send send : Send.values()) {
                    for (Receive receive : Receive.values()) {
                        for (boolean senderFirst : new boolean[] {true, false}) {
                            all.add(Arguments.of(kind, capacity, send, receive, senderFirst));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * Go's TestSelectDuplicateChannel and TestChanSendSelectBarrier generalised: the side that
     * arrives first is parked before the other starts. At capacity 1 a sender can only park on a
     * full buffer, so the buffer first holds a filler that the receiver gets; the sender's
     * element then follows it through the buffer.
     */
    @ParameterizedTest(name = "{0}, capacity {1}: {2} send meets {3} receive, sender first: {4}")
    @MethodSource("pairings")
    void everySendMeetsEveryReceiveWhicheverArrivesFirst(
            ThreadKind kind, int capacity, Send send, Receive receive, boolean senderFirst) throws Exception {
        final Channel<String> ch = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        final Channel<String> idleForSender = Channels.unbuffered();
        final Channel<String> idleForReceiver = Channels.unbuffered();
        final boolean filled = capacity > 0 && senderFirst;
        if (filled) {
            assertTrue(ch.trySend("filler"));
        }
        final String[] results = new String[2];
        try (Workers workers = new Workers(kind)) {
            final Forked.Action sender = () -> results[0] = send.send(ch, idleForSender, "v");
            final Forked.Action receiver = () -> results[1] = receive.receive(ch, idleForReceiver);
            workers.startParked("first", senderFirst ? sender : receiver);
            workers.start("second", senderFirst ? receiver : sender);
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertEquals("sent", results[0]);
        assertEquals(filled ? "filler" : "v", results[1]);
        if (filled) {
            assertEquals("v", ch.tryReceive(), "the parked sender's element must follow the filler");
        }
        assertNull(ch.tryReceive(), "exactly one element must have been sent");
        assertNull(idleForSender.tryReceive(), "the sender's idle clause must not be left offering");
        assertFalse(idleForReceiver.trySend("late"), "the receiver's idle clause must not be left waiting");
    }

    static Stream<Arguments> threadKindsAndCapacities() {
        return ThreadKind.each(0, 10);
    }

    /**
     * Go's TestSelfSelect: two threads each select over sending to and receiving from one
     * channel, in both clause orders. Neither may deadlock, and on an unbuffered channel neither
     * may receive its own element (a select never matches itself).
     */
    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("threadKindsAndCapacities")
    void twoSelectsSendingAndReceivingOnOneChannelNeverDeadlockNorSelfMatch(ThreadKind kind, int capacity)
            throws Exception {
        final int rounds = 2_000;
        final Channel<Integer> ch = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        final int[][] counts = new int[2][2]; // [thread][0: sent, 1: received]
        final int[] selfMatches = new int[2];
        try (Workers workers = new Workers(kind)) {
            for (int p = 0; p < 2; p++) {
                final int me = p;
                workers.start("self-select " + p, () -> {
                    for (int i = 0; i < rounds; i++) {
                        final int r = (me == 0 || i % 2 == 0)
                                ? Select.select(ch.onSend(me, () -> -1), ch.onReceive(v -> v))
                                : Select.select(ch.onReceive(v -> v), ch.onSend(me, () -> -1));
                        if (r == -1) {
                            counts[me][0]++;
                        } else {
                            counts[me][1]++;
                            if (r == me) {
                                selfMatches[me]++;
                            }
                        }
                    }
                });
            }
            workers.joinAll(Duration.ofSeconds(60));
        }
        if (capacity == 0) {
            assertEquals(0, selfMatches[0] + selfMatches[1], "a select received its own element");
            assertEquals(counts[0][0], counts[1][1], "thread 0's sends must be thread 1's receives");
            assertEquals(counts[1][0], counts[0][1], "thread 1's sends must be thread 0's receives");
        } else {
            final int sent = counts[0][0] + counts[1][0];
            final int received = counts[0][1] + counts[1][1];
            assertEquals(sent - received, ch.size(), "elements sent and not received must be in the buffer");
        }
        assertNotEquals(0, counts[0][0] + counts[1][0]);
    }
}
