package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, "SelectClause": clauses are immutable and reusable. The same clause objects serve
 * many selects, on several threads at once, and one clause may appear twice in one select;
 * each select still completes exactly one clause, and every element goes exactly once.
 */
@Timeout(120)
class SelectClauseReuseTest {
    private static final int ELEMENTS = 20_000;

    /**
     * Two threads share one receive clause and one send clause and select over them until every
     * element fed to the receive side was taken: each element is taken exactly once, and the
     * selects that sent are exactly the elements the drainer of the send side got.
     */
    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void clausesBuiltOnceServeManySelectsOnSeveralThreads(ThreadKind kind) {
        final Channel<Integer> in = Channels.buffered(4);
        final Channel<Integer> out = Channels.unbuffered();
        final SelectClause<Integer> take = in.onReceive(v -> v);
        final SelectClause<Integer> give = out.onSend(-1, () -> -1);
        final AtomicIntegerArray taken = new AtomicIntegerArray(ELEMENTS);
        final AtomicInteger takenCount = new AtomicInteger();
        final LongAdder sent = new LongAdder();
        final LongAdder drained = new LongAdder();
        try (Workers workers = new Workers(kind)) {
            workers.start("feeder", () -> {
                for (int i = 0; i < ELEMENTS; i++) {
                    in.send(i);
                }
            });
            final Forked<Void> drainer = workers.start("drainer", () -> {
                for (Integer v : out) {
                    assertEquals(-1, v);
                    drained.increment();
                }
            });
            final List<Forked<Void>> selectors = List.of(0, 1).stream().map(n -> workers.start("selector-" + n, () -> {
                while (takenCount.get() < ELEMENTS) {
                    final int r = Select.select(take, give);
                    if (r == -1) {
                        sent.increment();
                    } else {
                        taken.incrementAndGet(r);
                        takenCount.incrementAndGet();
                    }
                }
            })).toList();
            for (Forked<Void> selector : selectors) {
                selector.join(Duration.ofSeconds(100));
            }
            out.close();
            drainer.join();
            workers.joinAll(Forked.PATIENCE);
        }
        for (int i = 0; i < ELEMENTS; i++) {
            assertEquals(1, taken.get(i), "element " + i);
        }
        assertEquals(drained.sum(), sent.sum(), "selects that sent against elements the drainer received");
    }

    /** One clause object twice in one select: one element, taken once. */
    @Test
    void aClauseMayAppearTwiceInOneSelect() throws InterruptedException {
        final Channel<String> channel = Channels.buffered(2);
        final SelectClause<String> take = channel.onReceive();
        channel.trySend("only");
        final String chosen = Select.select(take, take);
        assertEquals("only", chosen);
        assertNull(channel.tryReceive(), "the element was taken once, and only once");
    }
}
