package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * "What does a select cost over 1, 2 and 4 channels?", for channels4j and jox (the only peer
 * with a select). Every select receives; its clauses are built once and reused.
 *
 * <ul>
 *   <li>{@link #ready}: channels of capacity 1; each op sends one message to the next channel in
 *       turn and then selects, so exactly one clause is ready at once and the select never
 *       blocks. Subtract {@code SendReceiveCost.sendThenReceive} at capacity 1 for the select's
 *       own cost.</li>
 *   <li>{@link #blocking}: unbuffered channels and a partner platform thread sending to them in
 *       turn; each select waits for (or finds waiting) the partner: registration on every
 *       channel, park, wake-up and the clean-up of the losing clauses.</li>
 *   <li>{@link #blockingVirtual}: the same between two virtual threads, {@value #SELECTS}
 *       selects per invocation (the threads are started and joined in it).</li>
 * </ul>
 * Run with {@code -prof gc} for the bytes a select allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SelectCost {

    static final int SELECTS = 1 << 12;

    @Param({"channels4j", "jox"})
    public String impl;

    @Param({"1", "2", "4"})
    public int channels;

    /** k channels and a select receiving from any of them. */
    interface Selector {
        void send(int channel, Object e) throws InterruptedException;

        Object selectReceive() throws InterruptedException;
    }

    static Selector create(String impl, int k, int capacity) {
        return switch (impl) {
            case "channels4j" -> new Channels4jSelector(k, capacity);
            case "jox" -> new JoxSelector(k, capacity);
            default -> throw new IllegalArgumentException("not applicable: " + impl + " has no select");
        };
    }

    /** Channels of capacity 1, one message at a time: the select always finds one clause ready. */
    @State(Scope.Thread)
    public static class Ready {
        Selector selector;
        int next;

        @Setup(Level.Trial)
        public void create(SelectCost bench) {
            selector = SelectCost.create(bench.impl, bench.channels, 1);
        }
    }

    @Benchmark
    public Object ready(Ready s) throws InterruptedException {
        int i = s.next;
        s.next = i + 1 == channels ? 0 : i + 1;
        s.selector.send(i, ChannelUnderTest.MESSAGE); // never blocks: the channel is empty
        return s.selector.selectReceive();
    }

    /** Unbuffered channels fed in turn by a partner platform thread, alive for the trial. */
    @State(Scope.Benchmark)
    public static class Partner {
        Selector selector;
        private PartnerThread thread;

        @Setup(Level.Trial)
        public void start(SelectCost bench) {
            selector = SelectCost.create(bench.impl, bench.channels, 0);
            final int k = bench.channels;
            final int[] next = {0};
            thread = PartnerThread.start("select-partner", () -> {
                final int i = next[0];
                selector.send(i, ChannelUnderTest.MESSAGE);
                next[0] = i + 1 == k ? 0 : i + 1;
            });
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.stop();
        }
    }

    @Benchmark
    public Object blocking(Partner p) throws InterruptedException {
        return p.selector.selectReceive();
    }

    /** Unbuffered channels for {@link #blockingVirtual}, whose threads live for one invocation. */
    @State(Scope.Benchmark)
    public static class Unbuffered {
        Selector selector;

        @Setup(Level.Trial)
        public void create(SelectCost bench) {
            selector = SelectCost.create(bench.impl, bench.channels, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public void blockingVirtual(Unbuffered u) throws InterruptedException {
        final int k = channels;
        final Selector selector = u.selector;
        VirtualThreadRun.runAll("SelectCost.blockingVirtual",
                () -> {
                    for (int n = 0, i = 0; n < SELECTS; n++, i = i + 1 == k ? 0 : i + 1) {
                        selector.send(i, ChannelUnderTest.MESSAGE);
                    }
                },
                () -> {
                    for (int n = 0; n < SELECTS; n++) {
                        selector.selectReceive();
                    }
                });
    }

    private static final class Channels4jSelector implements Selector {
        private final Channel<Object>[] channels;
        private final SelectClause<Object>[] clauses;

        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        Channels4jSelector(int k, int capacity) {
            channels = new Channel[k];
            clauses = new SelectClause[k];
            for (int i = 0; i < k; i++) {
                channels[i] = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
                clauses[i] = channels[i].onReceive();
            }
        }

        @Override
        public void send(int channel, Object e) throws InterruptedException {
            channels[channel].send(e);
        }

        @Override
        public Object selectReceive() throws InterruptedException {
            return Select.select(clauses);
        }
    }

    private static final class JoxSelector implements Selector {
        private final com.softwaremill.jox.Channel<Object>[] channels;
        private final com.softwaremill.jox.SelectClause<Object>[] clauses;

        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        JoxSelector(int k, int capacity) {
            channels = new com.softwaremill.jox.Channel[k];
            clauses = new com.softwaremill.jox.SelectClause[k];
            for (int i = 0; i < k; i++) {
                channels[i] = capacity == 0 ? com.softwaremill.jox.Channel.newRendezvousChannel()
                        : com.softwaremill.jox.Channel.newBufferedChannel(capacity);
                clauses[i] = channels[i].receiveClause();
            }
        }

        @Override
        public void send(int channel, Object e) throws InterruptedException {
            channels[channel].send(e);
        }

        @Override
        public Object selectReceive() throws InterruptedException {
            return com.softwaremill.jox.Select.select(clauses);
        }
    }
}
