package org.channels4j.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * "How many messages a microsecond with P producers and 1 or P consumers, on virtual threads?"
 *
 * <p>One invocation moves a fixed batch of {@value #MESSAGES} messages through a fresh set of
 * P producer and C consumer tasks ({@code shape}: {@code mpsc} is C = 1, {@code mpmc} is C = P)
 * and waits for all of them, so it always completes: nothing is left blocked at the end of an
 * iteration, and the backlog of an unbounded channel never exceeds the batch. The score is
 * messages per microsecond ({@link OperationsPerInvocation}).
 *
 * <p>{@code threads=virtual} starts a virtual thread per task, which is how channels are meant to
 * be used. {@code threads=platform} runs the tasks on a pool of P + C platform threads kept for
 * the trial (the pool's hand-off costs a few microseconds per batch, well under the batch's
 * time); it is the platform-thread figure for unbounded channels, which {@link GroupThroughput}
 * cannot measure.
 *
 * <p>{@code policy=drop_oldest} and {@code policy=conflated} (capacity 1) ask "what does
 * latest-value-wins cost?": sends never block and full ones drop the oldest message, so the
 * consumers cannot count on a share; each receives until it takes a stop marker, which the
 * benchmark thread offers once the producers are done, and whatever is left is drained. The
 * score is then messages <em>sent</em> per microsecond while the consumers drain. Peers:
 * ArrayBlockingQueue used as "poll the oldest, then offer" ({@code abq}); jox has no such
 * policy.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class BatchThroughput {
    /** Divisible by every producer and consumer count. */
    static final int MESSAGES = 1 << 14;

    /** A batch that takes this long has lost a wake-up or deadlocked: fail rather than hang. */
    private static final long BATCH_TIMEOUT_SECONDS = 60;

    @Param({"channels4j", "jox", "abq", "lbq", "ltq", "sq", "sqfair", "jctools"})
    public String impl;

    @Param({"0", "1", "16", "1024", "unbounded"})
    public String capacity;

    @Param({"1", "2", "4", "8"})
    public int producers;

    @Param({"mpsc", "mpmc"})
    public String shape;

    @Param({"virtual", "platform"})
    public String threads;

    @Param({"block", "drop_oldest", "conflated"})
    public String policy;

    /** Ends a consumer's loop under a drop policy, where it cannot count its share. */
    private static final Object STOP = new Object();

    private ChannelUnderTest channel;
    private boolean dropping;
    private int consumers;
    /** Consumers still running in this batch, under a drop policy. */
    private final AtomicInteger runningConsumers = new AtomicInteger();
    private ExecutorService workers;
    private List<Callable<Void>> tasks;

    @Setup(Level.Trial)
    public void createChannelAndTasks() {
        if (threads.equals("virtual") && Implementation.byId(impl).spins()) {
            throw new IllegalArgumentException(
                    "not applicable: " + impl + " spins, measured on platform threads only");
        }
        channel = Implementation.create(impl, capacity, policy);
        dropping = !policy.equals("block");
        consumers = switch (shape) {
            case "mpsc" -> 1;
            case "mpmc" -> producers;
            default -> throw new IllegalArgumentException("shape is mpsc or mpmc, was " + shape);
        };
        workers = switch (threads) {
            case "virtual" -> Executors.newVirtualThreadPerTaskExecutor();
            case "platform" -> Executors.newFixedThreadPool(producers + consumers);
            default -> throw new IllegalArgumentException("threads is virtual or platform, was " + threads);
        };
        tasks = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            tasks.add(this::produceShare);
        }
        for (int i = 0; i < consumers; i++) {
            tasks.add(dropping ? this::consumeUntilStopped : () -> consumeShare(consumers));
        }
    }

    private Void consumeUntilStopped() throws InterruptedException {
        try {
            for (Object e = channel.receive(); e != STOP; e = channel.receive()) {
                if (e != ChannelUnderTest.MESSAGE) {
                    throw new AssertionError("received something that was never sent");
                }
            }
            return null;
        } finally {
            runningConsumers.decrementAndGet();
        }
    }

    /**
     * Offers stop markers until every consumer has taken one (a drop policy may drop a marker),
     * then drains the markers and messages left over, so that the next batch starts empty.
     */
    private void stopConsumers() {
        while (runningConsumers.get() > 0) {
            channel.trySend(STOP);
            LockSupport.parkNanos(10_000);
        }
        while (channel.tryReceive() != null) {
            // left over from this batch
        }
    }

    private Void produceShare() throws InterruptedException {
        for (int i = MESSAGES / producers; i > 0; i--) {
            channel.send(ChannelUnderTest.MESSAGE);
        }
        return null;
    }

    private Void consumeShare(int consumers) throws InterruptedException {
        for (int i = MESSAGES / consumers; i > 0; i--) {
            if (channel.receive() != ChannelUnderTest.MESSAGE) {
                throw new AssertionError("received something that was never sent");
            }
        }
        return null;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void transfer(ModeProbe probe) throws Exception {
        runningConsumers.set(consumers);
        List<Future<Void>> running = new ArrayList<>(tasks.size());
        for (Callable<Void> task : tasks) {
            running.add(workers.submit(task));
        }
        if (dropping) {
            for (Future<Void> producer : running.subList(0, producers)) {
                producer.get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            stopConsumers();
        }
        for (Future<Void> f : running) {
            try {
                f.get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("a batch of " + MESSAGES + " messages did not finish in "
                        + BATCH_TIMEOUT_SECONDS + " s: lost wake-up or deadlock in " + impl, e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
