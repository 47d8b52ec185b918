package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;
import org.channels4j.jmh.ablation.AblationRing;
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
 * "What does padding the ring's indices buy?" channels-impl's {@code RingBuffer} with its
 * padded indices against the same ring with every padding field removed, under P spinning
 * producers and C spinning consumers ({@code -tg P,C -p producers=P -p consumers=C}; the
 * question is asked at P = 2 and 4). Without padding the producer index, the consumer index
 * and the ring's read-mostly fields (array references, capacity, mask) share cache lines, so
 * every CAS on one index invalidates the line the other side and every reader needs.
 *
 * <p>Neither variant is written by hand: both are copies generated from channels-impl's sources
 * at build time (see the maven-antrun-plugin execution in channels-jmh/pom.xml and
 * {@link AblationRing}), so the ablation follows every change to the ring. Raw offer/poll, no
 * channel, no blocking: the ring alone. Read the {@code poll} score (messages per
 * microsecond); JMH orders a group's methods by name, so {@code -tg} gives {@code offer}
 * threads first.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Group)
public class PaddingAblation {
    private static final int OK = org.channels4j.jmh.ablation.padded.ElementBuffer.OK;

    @Param({"padded", "unpadded"})
    public String layout;

    @Param("1024")
    public int capacity;

    /** Must equal the first number of {@code -tg}. */
    @Param("2")
    public int producers;

    /** Must equal the second number of {@code -tg}. */
    @Param("1")
    public int consumers;

    private AblationRing ring;

    @Setup(Level.Trial)
    public void createRing(BenchmarkParams params) {
        ThreadGroups.requireMatches(params, producers, consumers);
        ring = switch (layout) {
            case "padded" -> new org.channels4j.jmh.ablation.padded.RingBuffer(capacity);
            case "unpadded" -> new org.channels4j.jmh.ablation.unpadded.RingBuffer(capacity);
            default -> throw new IllegalArgumentException("layout is padded or unpadded, was " + layout);
        };
    }

    /** Spins until the ring takes the message, or until JMH stops the iteration. */
    @Benchmark
    @Group("transfer")
    @GroupThreads(2)
    public void offer(Control control) {
        while (ring.offer(ChannelUnderTest.MESSAGE) != OK) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Spins until a message comes, or until JMH stops the iteration. */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public Object poll(Control control) {
        Object e;
        while ((e = ring.poll()) != ChannelUnderTest.MESSAGE) {
            if (control.stopMeasurement) {
                return null;
            }
            Thread.onSpinWait();
        }
        return e;
    }
}
