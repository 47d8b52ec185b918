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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PingPong}'s round trip with work in it: "how long does a request take when the other
 * side computes before it answers, or when I compute before I ask again?" A pipeline stage does
 * work between its operations, and a wait's spin-then-park rule is judged by what it does when
 * the partner is busy for a while, not only when it answers at once: a waiter that spins
 * longer than the partner's work wastes the CPU, one that parks too early pays a wake-up.
 *
 * <p>{@code work} is {@link Blackhole#consumeCPU} tokens, done once a round trip:
 * <ul>
 *   <li>{@code side=echo}: by the echo side between its receive and its send (a server computing
 *       its reply), so the requester waits for the work and two hand-offs;</li>
 *   <li>{@code side=caller}: by the requester before each send (a client that computes between
 *       requests), so the echo side waits for it.</li>
 * </ul>
 * {@link #workAlone} times the same tokens on their own: a round trip's overhead is its time
 * less {@code workAlone}'s at the same {@code work}. Platform threads: the JMH thread against an
 * echo platform thread, AverageTime; run with {@code -prof org.channels4j.jmh.CpuTimeProfiler}
 * for the CPU a round trip costs, which a spinning wait raises. Virtual threads: two fresh virtual
 * threads doing {@value #ROUND_TRIPS} round trips an invocation, as in {@link PingPong}.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class WorkedRoundTrip {
    static final int ROUND_TRIPS = 1 << 10;

    @Param({"channels4j", "sq", "jox", "ltq"})
    public String impl;

    @Param({"0"})
    public String capacity;

    @Param({"0", "64", "512", "4096", "32768"})
    public int work;

    @Param({"echo", "caller"})
    public String side;

    private ChannelUnderTest ping;
    private ChannelUnderTest pong;
    private int echoWork;
    private int callerWork;

    @Setup(Level.Trial)
    public void createChannels() {
        if (work < 0) {
            throw new IllegalArgumentException("work must be 0 or more tokens, not " + work);
        }
        switch (side) {
            case "echo" -> echoWork = work;
            case "caller" -> callerWork = work;
            default -> throw new IllegalArgumentException("side must be echo or caller, not " + side);
        }
        ping = Implementation.create(impl, capacity);
        pong = Implementation.create(impl, capacity);
    }

    /** One answer of the echo side: receive, work if the echo side works, send back. */
    private void answer() throws InterruptedException {
        final Object request = ping.receive();
        Blackhole.consumeCPU(echoWork);
        pong.send(request);
    }

    /** One request of the caller: work if the caller works, send, wait for the answer. */
    private Object request() throws InterruptedException {
        Blackhole.consumeCPU(callerWork);
        ping.send(ChannelUnderTest.MESSAGE);
        return pong.receive();
    }

    /** The echo platform thread of {@link #roundTripPlatform}, alive for the trial. */
    @State(Scope.Benchmark)
    public static class EchoThread {
        private PartnerThread thread;

        @Setup(Level.Trial)
        public void start(WorkedRoundTrip bench) {
            thread = PartnerThread.start("echo", bench::answer);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.stop();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Object roundTripPlatform(EchoThread echo) throws InterruptedException {
        return request();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(ROUND_TRIPS)
    public void roundTripVirtual(NotSpinning checked) throws InterruptedException {
        VirtualThreadRun.runAll("WorkedRoundTrip.roundTripVirtual",
                () -> {
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        answer();
                    }
                },
                () -> {
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        request();
                    }
                });
    }

    /** The {@code work} tokens alone, on one thread: what a round trip's figure includes besides its hand-offs. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public void workAlone() {
        Blackhole.consumeCPU(work);
    }
}
