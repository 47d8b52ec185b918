package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "nothing lost, nothing doubled": every element whose send clause was selected is
 * received exactly once, under many concurrent plain and select senders and receivers.
 */
@Timeout(120)
class SelectDeliveryTest {

    /**
     * Each value is offered on four unbuffered channels at once by one select; the select
     * commits exactly one handoff, so each value must arrive once, on one channel.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void selectSendsOverFourUnbufferedChannelsDeliverEachValueExactlyOnce(ThreadKind kind) throws Exception {
        final int producers = 2;
        final int perProducer = 10_000;
        final List<Channel<Integer>> channels = List.of(
                Channels.unbuffered(), Channels.unbuffered(), Channels.unbuffered(), Channels.unbuffered());
        final AtomicIntegerArray deliveries = new AtomicIntegerArray(producers * perProducer);
        try (Workers workers = new Workers(kind)) {
            final List<Forked<Void>> producing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                final int base = p * perProducer;
                producing.add(workers.start("select sender " + p, () -> {
                    for (int i = 0; i < perProducer; i++) {
                        final Integer v = base + i;
                        Select.select(channels.get(0).onSend(v, () -> 0), channels.get(1).onSend(v, () -> 1),
                                channels.get(2).onSend(v, () -> 2), channels.get(3).onSend(v, () -> 3));
                    }
                }));
            }
            for (Channel<Integer> ch : channels) {
                workers.start("receiver", () -> {
                    for (Integer v : ch) {
                        deliveries.incrementAndGet(v);
                    }
                });
            }
            workers.start("closer", () -> {
                for (Forked<Void> t : producing) {
                    t.join(Duration.ofSeconds(90));
                }
                channels.forEach(Channel::close);
            });
            workers.joinAll(Duration.ofSeconds(90));
        }
        for (int v = 0; v < deliveries.length(); v++) {
            assertEquals(1, deliveries.get(v), "deliveries of value " + v);
        }
    }

    /**
     * Go's TestMultiConsumer: 23 workers drain a buffered queue into a buffered result channel;
     * the count and sum that come out must be those that went in.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void workerPoolOverABufferedQueueConservesCountAndSum(ThreadKind kind) throws Exception {
        final int workerCount = 23;
        final int items = 50_000;
        final int[] values = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
        final Channel<Integer> queue = Channels.buffered(workerCount * 3);
        final Channel<Integer> results = Channels.buffered(workerCount * 3);
        final AtomicLong expectedSum = new AtomicLong();
        final long[] seen = new long[2]; // count, sum
        try (Workers workers = new Workers(kind)) {
            final List<Forked<Void>> pool = new ArrayList<>();
            for (int w = 0; w < workerCount; w++) {
                final int slowOn = values[w % values.length];
                pool.add(workers.start("worker " + w, () -> {
                    for (Integer v : queue) {
                        if (v == slowOn) {
                            Thread.yield(); // disturb the queue's FIFO-ish hand-out, as Go's test does
                        }
                        results.send(v);
                    }
                }));
            }
            workers.start("feeder", () -> {
                long sum = 0;
                for (int i = 0; i < items; i++) {
                    final int v = values[i % values.length];
                    sum += v;
                    queue.send(v);
                }
                expectedSum.set(sum);
                queue.close();
                for (Forked<Void> t : pool) {
                    t.join(Duration.ofSeconds(90));
                }
                results.close();
            });
            workers.start("consumer", () -> {
                for (Integer v : results) {
                    seen[0]++;
                    seen[1] += v;
                }
            });
            workers.joinAll(Duration.ofSeconds(90));
        }
        assertEquals(items, seen[0], "results received");
        assertEquals(expectedSum.get(), seen[1], "sum of results");
    }

    /**
     * Go's TestSelectStress: on channels of capacity 0, 0, 2 and 3, a plain sender and a plain
     * receiver per channel run against one select sender and one select receiver over all four;
     * each side moves {@code n} elements per channel, so everything must finish, and what each
     * channel delivered must be what was sent on it.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void plainAndSelectSendersAndReceiversOnMixedCapacitiesAllFinish(ThreadKind kind) throws Exception {
        final int n = 5_000;
        final List<Channel<Integer>> channels = List.of(
                Channels.unbuffered(), Channels.unbuffered(), Channels.buffered(2), Channels.buffered(3));
        final LongAdder[] sentSum = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
        final LongAdder[] receivedSum = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
        try (Workers workers = new Workers(kind)) {
            for (int c = 0; c < 4; c++) {
                final int ci = c;
                final Channel<Integer> ch = channels.get(c);
                workers.start("plain sender " + c, () -> {
                    for (int i = 0; i < n; i++) {
                        ch.send(i);
                        sentSum[ci].add(i);
                    }
                });
                workers.start("plain receiver " + c, () -> {
                    for (int i = 0; i < n; i++) {
                        receivedSum[ci].add(ch.receive());
                    }
                });
            }
            workers.start("select sender", () -> {
                final int[] sent = new int[4];
                for (int i = 0; i < 4 * n; i++) {
                    final List<SelectClause<Integer>> clauses = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        if (sent[c] < n) {
                            final int ci = c;
                            clauses.add(channels.get(c).onSend(n + sent[c], () -> ci));
                        }
                    }
                    final int c = Select.select(clauses);
                    sentSum[c].add(n + sent[c]);
                    sent[c]++;
                }
            });
            workers.start("select receiver", () -> {
                final int[] received = new int[4];
                for (int i = 0; i < 4 * n; i++) {
                    final List<SelectClause<int[]>> clauses = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        if (received[c] < n) {
                            final int ci = c;
                            clauses.add(channels.get(c).onReceive(v -> new int[] {ci, v}));
                        }
                    }
                    final int[] got = Select.select(clauses);
                    receivedSum[got[0]].add(got[1]);
                    received[got[0]]++;
                }
            });
            workers.joinAll(Duration.ofSeconds(90));
        }
        for (int c = 0; c < 4; c++) {
            assertEquals(sentSum[c].sum(), receivedSum[c].sum(), "sum of the elements through channel " + c);
            assertEquals(null, channels.get(c).tryReceive(), "channel " + c + " must be empty");
        }
    }
}
