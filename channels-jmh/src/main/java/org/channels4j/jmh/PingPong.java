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
 * "How long does a message take to go to another thread and back?" Two channels of the same
 * capacity, {@code ping} and {@code pong}; an echo side receives from {@code ping} and sends what
 * it got to {@code pong}. With one message in flight, every receive finds an empty channel, so a
 * round trip is two hand-offs to a waiting (possibly parked) thread: the latency a request and
 * its reply pay.
 *
 * <ul>
 *   <li>{@link #roundTripPlatform}: the JMH thread against an echo platform thread, AverageTime
 *       per round trip. It was SampleTime until 2026-12-07: JMH's sampled round trips of
 *       channels4j were up to 6.5 times (20 of 24 iterations over 1.7 times) slower than the iteration's average (the CPU time a round trip
 *       over the CPUs busy, {@link CpuTimeProfiler}), while the peers' agreed
 *       ({@code results/platform-cpu/sample-vs-avgt}); {@code -bm sample} still gives the
 *       percentiles, with that bias.</li>
 *   <li>{@link #roundTripVirtual}: two virtual threads doing {@value #ROUND_TRIPS} round trips per
 *       invocation (AverageTime per round trip); both are started and joined in the invocation,
 *       so it always completes.</li>
 * </ul>
 * Run with {@code -prof gc} for the bytes a blocking send and receive allocate.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class PingPong {
    static final int ROUND_TRIPS = 1 << 12;

    @Param({"channels4j", "jox", "abq", "lbq", "ltq", "sq", "sqfair", "jctools"})
    public String impl;

    @Param({"0", "1", "16", "1024", "unbounded"})
    public String capacity;

    private ChannelUnderTest ping;
    private ChannelUnderTest pong;

    @Setup(Level.Trial)
    public void createChannels() {
        ping = Implementation.create(impl, capacity);
        pong = Implementation.create(impl, capacity);
    }

    /** Echoes {@code roundTrips} messages, or until interrupted. */
    private void echo(int roundTrips) {
        try {
            for (int i = roundTrips; i > 0; i--) {
                pong.send(ping.receive());
            }
        } catch (InterruptedException stop) {
            // the trial is over
        }
    }

    /** The echo platform thread of {@link #roundTripPlatform}, alive for the trial. */
    @State(Scope.Benchmark)
    public static class EchoThread {
        private PartnerThread thread;

        @Setup(Level.Trial)
        public void start(PingPong bench) {
            thread = PartnerThread.start("echo", () -> bench.pong.send(bench.ping.receive()));
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.stop();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Object roundTripPlatform(EchoThread echo) throws InterruptedException {
        ping.send(ChannelUnderTest.MESSAGE);
        return pong.receive();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(ROUND_TRIPS)
    public void roundTripVirtual(NotSpinning checked, ModeProbe probe) throws InterruptedException {
        VirtualThreadRun.runAll("PingPong.roundTripVirtual",
                () -> echo(ROUND_TRIPS),
                () -> {
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        ping.send(ChannelUnderTest.MESSAGE);
                        pong.receive();
                    }
                });
    }
}
