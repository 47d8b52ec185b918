package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;
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
 * "What does a plain blocking operation cost?", the one-clause counterpart of
 * {@link SelectCost}: messages sent on an unbuffered channel to a receiver, so every message is
 * a handoff in which one side (or both in turn) registered and waited. Time and, with
 * {@code -prof gc}, bytes are per message, both sides together.
 *
 * <ul>
 *   <li>{@link #handoffPlatform}: the JMH thread receives from a partner platform thread. Parking
 *       a platform thread allocates nothing, so the bytes are the channel's own: its wait
 *       nodes.</li>
 *   <li>{@link #handoffVirtual}: two virtual threads, {@value #MESSAGES} messages per invocation.
 *       The bytes also count what the JDK allocates to park and resume a virtual thread (the
 *       frozen stack chunks), which every implementation pays alike.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class BlockingCost {
    static final int MESSAGES = 1 << 12;

    @Param({"channels4j", "jox", "sq", "sqfair", "ltq"})
    public String impl;

    private ChannelUnderTest channel;

    @Setup(Level.Trial)
    public void createChannel() {
        channel = Implementation.create(impl, "0");
    }

    /** The sending partner of {@link #handoffPlatform}, alive for the trial. */
    @State(Scope.Benchmark)
    public static class Partner {
        private PartnerThread thread;

        @Setup(Level.Trial)
        public void start(BlockingCost bench) {
            final ChannelUnderTest c = bench.channel;
            thread = PartnerThread.start("sender", () -> c.send(ChannelUnderTest.MESSAGE));
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.stop();
        }
    }

    @Benchmark
    public Object handoffPlatform(Partner partner) throws InterruptedException {
        return channel.receive();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void handoffVirtual(ModeProbe probe) throws InterruptedException {
        final ChannelUnderTest c = channel;
        VirtualThreadRun.runAll("BlockingCost.handoffVirtual",
                () -> {
                    for (int n = 0; n < MESSAGES; n++) {
                        c.send(ChannelUnderTest.MESSAGE);
                    }
                },
                () -> {
                    for (int n = 0; n < MESSAGES; n++) {
                        c.receive();
                    }
                });
    }
}
