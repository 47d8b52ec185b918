package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;

/**
 * "How many messages a microsecond with P producers and C consumers, on platform threads?"
 *
 * <p>One JMH thread group (see JMHSample_15_Asymmetric): {@code send} threads and
 * {@code take} (receive) threads sharing one channel, blocking as a real producer and consumer
 * would.
 * The number of each comes from {@code -tg P,C}, repeated as {@code -p producers=P -p
 * consumers=C} for the result file. Read the {@code take} score: messages delivered per
 * microsecond (the group's total counts each message twice, once per side).
 *
 * <p><b>No thread is left blocked.</b> JMH ends an iteration thread by thread; a producer
 * still blocked in {@code send} after every consumer has left would hang the run. JMH sets
 * {@link Control#stopMeasurement} for all threads when the measured time is over and keeps every
 * thread invoking until all have finished their measured loop; from then on both sides use the
 * non-blocking {@code trySend}/{@code tryReceive}. A blocking call begun before that point is
 * completed by a partner's try-call (a full buffer is drained, an empty one filled, a waiting
 * sender matched), since the two sides of one channel cannot both be blocked at once.
 *
 * <p>Unbounded channels are not measured here: producers outrun the consumer and the backlog
 * (and the garbage collector) would grow for the whole iteration. {@link BatchThroughput}
 * measures them with a bounded batch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Group)
public class GroupThroughput {

    @Param({"channels4j", "jox", "abq", "lbq", "ltq", "sq", "sqfair", "jctools"})
    public String impl;

    @Param({"0", "1", "16", "1024"})
    public String capacity;

    /** Must equal the first number of {@code -tg}. */
    @Param("1")
    public int producers;

    /** Must equal the second number of {@code -tg}. */
    @Param("1")
    public int consumers;

    private ChannelUnderTest channel;

    @Setup(Level.Trial)
    public void createChannel(BenchmarkParams params) {
        ThreadGroups.requireMatches(params, producers, consumers);
        if (capacity.equals("unbounded")) {
            throw new IllegalArgumentException(
                    "not applicable: unbounded capacity is measured by BatchThroughput");
        }
        channel = Implementation.create(impl, capacity);
    }

    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void send(Control control) throws InterruptedException {
        if (!control.stopMeasurement) {
            channel.send(ChannelUnderTest.MESSAGE);
        } else {
            channel.trySend(ChannelUnderTest.MESSAGE);
        }
    }

    /**
     * Receives. Named {@code take} because JMH orders a group's methods by name and {@code -tg}
     * follows that order: {@code send} (producers) first.
     */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public Object take(Control control) throws InterruptedException {
        return control.stopMeasurement ? channel.tryReceive() : channel.receive();
    }
}
