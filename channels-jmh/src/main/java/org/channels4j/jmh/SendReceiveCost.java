package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * "What do a send and a receive cost when nobody has to wait?" One thread sends a message to an
 * empty buffered channel and receives it back: the uncontended fast path of the blocking calls,
 * the floor under every other figure. With {@code -prof gc} its {@code gc.alloc.rate.norm} is
 * the bytes one send plus one receive allocate (0 for a ring buffer; a linked queue allocates a
 * node per element).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class SendReceiveCost {

    @Param({"channels4j", "jox", "abq", "lbq", "ltq", "jctools"})
    public String impl;

    /** No 0: a rendezvous send on one thread would wait forever. */
    @Param({"1", "16", "1024", "unbounded"})
    public String capacity;

    private ChannelUnderTest channel;

    @Setup(Level.Trial)
    public void createChannel() {
        if (capacity.equals("0")) {
            throw new IllegalArgumentException("not applicable: one thread cannot rendezvous with itself");
        }
        channel = Implementation.create(impl, capacity);
    }

    @Benchmark
    public Object sendThenReceive() throws InterruptedException {
        channel.send(ChannelUnderTest.MESSAGE);
        return channel.receive();
    }
}
