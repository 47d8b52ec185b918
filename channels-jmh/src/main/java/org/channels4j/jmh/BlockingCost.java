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
import org.openjdk.jmh.annotations.Warmup;

/**
 * "What does a plain blocking operation cost?", the one-clause counterpart of
 * {@link SelectCost#blockingVirtual}: a virtual thread receives {@value #MESSAGES} messages that
 * another virtual thread sends on an unbuffered channel, so every message is a handoff in which
 * one side (or both in turn) registered and waited. Time and, with {@code -prof gc}, bytes are
 * per message, both sides together: the allocation of the waits a handoff needed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class BlockingCost {
    static final int MESSAGES = 1 << 12;

    @Param({"channels4j", "jox", "sq", "ltq"})
    public String impl;

    private ChannelUnderTest channel;

    @Setup(Level.Trial)
    public void createChannel() {
        channel = Implementation.create(impl, "0");
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void handoffVirtual() throws InterruptedException {
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
