package org.channels4j.soak;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Context;

/**
 * One round of the soak, run by the coordinator (the main thread), in four phases:
 * <ol>
 *   <li><b>Traffic.</b> Open two to six channels and the round's context ({@link RoundChannels}),
 *       start three to eight {@link Worker}s, in half of the rounds a {@link GroupCrew}, in
 *       half a {@link FlowConsumer} ({@code asPublisher}), in a third a {@link FlowRelay}
 *       ({@code fromPublisher} of {@code asPublisher}, with a thread of its own), a thread blocked in
 *       {@code receive()} on the context's {@code done()}, and the {@link FaultInjector}, and
 *       let them run for the traffic time.</li>
 *   <li><b>Wind-down.</b> Stop the injector; tell the workers to stop after their current
 *       operation and the Flow subscriber to request no more; finish the group crew
 *       ({@link GroupCrew#finish}); cancel the round's context, after which the thread blocked
 *       on its {@code done()} must have thrown {@link ChannelClosedException} with the
 *       context's cause within 5 s (a thread blocked on {@code done()} is woken by the time
 *       {@code cancel} returns). Nothing interrupts or closes channels during this phase, so a
 *       worker that waits on a clause that could proceed is stuck for real: a lost wake-up. First, before anything
 *       is drained, the {@link WakeCheck}: the workers, their traffic over, only wait to
 *       receive; the check fails the round if a worker stays waiting for 5 s on a clause that
 *       can proceed (an element in the channel, a partner on an unbuffered channel, room, a
 *       close), and sends probe elements to waiting receivers, which they must take. Then tell
 *       the workers to stop, and drain every channel with {@code tryReceive} (which also meets
 *       blocked unbuffered senders) until no send is in flight; a sender that never comes back
 *       is reported by the {@link Watchdog}.</li>
 *   <li><b>Close.</b> Close every channel (those already closed stay as they were), which must
 *       release the receivers still blocked; join every thread the round started.</li>
 *   <li><b>Drain and check.</b> Take what is left with {@code tryReceive} until it throws
 *       {@link ChannelClosedException}, give the Flow subscriber demand and wait for its
 *       terminal signal ({@link FlowConsumer#finish}), let the relay drain and end
 *       ({@link FlowRelay#finish}), check the timers, the future and the context, and balance the
 *       {@link Ledger} (in a round with a relay, again for up to 5 s while an element is
 *       missing: see {@link FlowRelay} for the element that may reach the handler late).</li>
 * </ol>
 * Every random choice of the round comes from a stream seeded with the run's seed and the
 * round's number, so a seed replays the same choices (not the same interleaving).
 */
final class Round {
    /** How long a round waits for an element a relay's cancelled subscription still hands to the handler. */
    private static final long LATE_HANDLED_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final int number;
    private final ThreadKind threads;
    private final Tally tally;
    private final ElementWatch elements;
    private final WakeCheck.StuckHandler onStuck;
    private final long trafficNanos;
    private final SplittableRandom random;
    private final Ledger ledger = new Ledger();
    private final RoundChannels channels;
    private final AtomicInteger sendsInFlight = new AtomicInteger();
    /** The round's errgroup, or null in the rounds without one. */
    private final GroupCrew crew;
    /** The round's Flow subscriber, or null in the rounds without one. */
    private final FlowConsumer flow;
    /** The round's channel seen through both Flow adapters, or null in the rounds without one. */
    private final FlowRelay relay;
    /** What the thread blocked on the context's done() got: the close cause, or a description of what went wrong. */
    private volatile Object doneWaiterSaw;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> workerThreads = new ArrayList<>();
    private volatile boolean windingDown;
    /** Set with windingDown, cleared when the wake-up check is done: workers wait to receive meanwhile. */
    private volatile boolean probing;
    /** For reports: traffic, wind-down, close, check. */
    private volatile String phase = "traffic";

    Round(int number, long seed, ThreadKind threads, Tally tally, ElementWatch elements, long trafficNanos,
          WakeCheck.StuckHandler onStuck) {
        this.number = number;
        this.threads = threads;
        this.tally = tally;
        this.elements = elements;
        this.onStuck = onStuck;
        this.trafficNanos = trafficNanos;
        this.random = new SplittableRandom(seed * 1_000_003L + number);
        this.channels = new RoundChannels(number, random, ledger, trafficNanos);
        this.crew = random.nextBoolean() ? new GroupCrew(this, "soak-r" + number + "-group", random.split()) : null;
        this.flow = random.nextBoolean() ? new FlowConsumer(this, "soak-r" + number + "-flow", random.split()) : null;
        this.relay = random.nextInt(3) == 0 ? new FlowRelay(this, "soak-r" + number + "-relay", random.split()) : null;
    }

    /** Has the run's {@link ElementWatch} watch {@code element}, sent in this round. */
    void watch(Long element) {
        elements.watch(number, element);
    }

    Ledger.Verdict run() throws InterruptedException {
        tally.heartbeat();
        final int initialWorkers = 3 + random.nextInt(6);
        for (int w = 0; w < initialWorkers; w++) {
            startWorker(random.split());
        }
        if (crew != null) {
            crew.start();
        }
        if (flow != null) {
            flow.start();
        }
        if (relay != null) {
            relay.start(threads);
        }
        final Thread doneWaiter = threads.start("soak-r" + number + "-done-waiter", this::waitForDone, random.split());
        final FaultInjector injector = new FaultInjector(this, random.split(), trafficNanos);
        final Thread injectorThread = Thread.ofPlatform().daemon(true).name("soak-r" + number + "-injector").start(injector);
        TimeUnit.NANOSECONDS.sleep(trafficNanos);
        injector.stop();
        injectorThread.join();

        phase = "wind-down";
        probing = true;
        windingDown = true;
        if (flow != null) {
            flow.windDown();
        }
        if (relay != null) {
            relay.windDown();
        }
        // Only now: a virtual thread that never blocks keeps its carrier, and workers in traffic
        // on closed channels, or selecting on a done() already closed, may not block for long
        // stretches; from here on they only wait to receive, or end when every channel is closed.
        if (crew != null) {
            crew.finish(ledger);
        }
        channels.cancelContext("the end of the round", random.nextBoolean(), ledger);
        checkDoneWaiter(doneWaiter);
        final OperationLog coordinator = ledger.openLog("the coordinator", channels.size());
        final List<Worker> startedWorkers;
        final List<Thread> startedThreads;
        synchronized (workers) {
            startedWorkers = List.copyOf(workers);
            startedThreads = List.copyOf(workerThreads);
        }
        try {
            new WakeCheck(this, startedWorkers, startedThreads, coordinator, onStuck).run(trafficNanos / 40);
        } finally {
            probing = false;
        }
        while (sendsInFlight.get() > 0) {
            if (!drainOpenChannels(coordinator)) {
                LockSupport.parkNanos(100_000);
            }
        }

        phase = "close";
        for (int c = 0; c < channels.size(); c++) {
            channels.close(c, random.nextBoolean(), false, "the end of the round", ledger, tally);
        }
        for (Thread t : snapshotThreads()) {
            t.join();
        }

        phase = "check";
        drainClosedChannels(coordinator);
        if (flow != null) {
            flow.finish(ledger);
        }
        if (relay != null) {
            relay.finish(ledger);
        }
        channels.checkTimers(ledger);
        channels.checkFuture(ledger);
        channels.checkContext(ledger);
        tally.heartbeat();
        Ledger.Verdict verdict = ledger.check(channels);
        // A relay's old subscription may hand the element it took before it saw the relay's
        // cancel to the handler later (rule 3.12), on its own thread, which nothing here joins:
        // an element lost for good stays lost after 5 s, one still on its way is counted by then.
        final long lateBound = System.nanoTime() + LATE_HANDLED_NANOS;
        while (relay != null && verdict.lost() > 0 && System.nanoTime() - lateBound < 0) {
            LockSupport.parkNanos(1_000_000);
            verdict = ledger.check(channels);
        }
        tally.heartbeat();
        return verdict;
    }

    /** "round 12 (unbuffered, buffered(16), unbounded; 5 workers started; group of 3 tasks), phase wind-down". */
    String describe() {
        return "round " + number + " (" + channels.describeAll() + "; " + snapshotThreads().size()
                + " workers started" + (crew != null ? "; " + crew.describe() : "")
                + (flow != null ? "; " + flow.describe() : "") + (relay != null ? "; " + relay.describe() : "")
                + "), phase " + phase;
    }

    /** The thread blocked on the context's done(): it may only end by ChannelClosedException. */
    private void waitForDone() {
        try {
            channels.context.done().receive();
            doneWaiterSaw = "an element from receive()";
        } catch (ChannelClosedException e) {
            doneWaiterSaw = e.getCause() != null ? e.getCause() : "ChannelClosedException without a cause";
        } catch (InterruptedException e) {
            doneWaiterSaw = "InterruptedException";
        } catch (Throwable t) {
            doneWaiterSaw = stackTrace(t);
        }
    }

    /** After the wind-down's cancel: the done() waiter must have been released, with the context's cause. */
    private void checkDoneWaiter(Thread doneWaiter) throws InterruptedException {
        doneWaiter.join(5_000);
        if (doneWaiter.isAlive()) {
            ledger.violation("a thread blocked in receive() on the round's context's done() was still blocked 5 s after "
                    + "cancel returned: " + Watchdog.threadDump());
            doneWaiter.interrupt();
            doneWaiter.join();
            return;
        }
        final Context context = channels.context;
        if (doneWaiterSaw != context.cause()) {
            ledger.violation("receive() on the round's context's done() ended with " + doneWaiterSaw
                    + ", not ChannelClosedException caused by the context's cause " + context.cause());
        }
    }

    /** Takes whatever can be taken now; returns whether anything was. */
    private boolean drainOpenChannels(OperationLog coordinator) {
        boolean moved = false;
        for (int c = 0; c < channels.size(); c++) {
            try {
                for (Long e; (e = channels.channel(c).tryReceive()) != null; ) {
                    coordinator.received(c, Op.WIND_DOWN_DRAIN, e);
                    tally.received();
                    moved = true;
                }
            } catch (ChannelClosedException e) {
                coordinator.sawCause(c, e.getCause());
            }
        }
        return moved;
    }

    /** After the close: everything left, then the ChannelClosedException that must follow it. */
    private void drainClosedChannels(OperationLog coordinator) {
        for (int c = 0; c < channels.size(); c++) {
            final Channel<Long> ch = channels.channel(c);
            try {
                for (Long e; (e = ch.tryReceive()) != null; ) {
                    coordinator.received(c, Op.FINAL_DRAIN, e);
                    tally.received();
                }
                ledger.violation("tryReceive returned null on " + channels.describe(c)
                        + " after it was closed and every sender had returned; it must throw once drained");
            } catch (ChannelClosedException e) {
                coordinator.sawCause(c, e.getCause());
            }
            if (!ch.isClosedForReceive()) {
                ledger.violation("isClosedForReceive() is false on " + channels.describe(c) + " after it was drained");
            }
        }
    }

    void startWorker(SplittableRandom workerRandom) {
        synchronized (workers) {
            final String name = "soak-r" + number + "-w" + workers.size();
            final Worker worker = new Worker(this, name, workers.size(), workerRandom);
            workers.add(worker);
            workerThreads.add(threads.start(name, worker, workerRandom));
        }
    }

    int liveWorkers() {
        synchronized (workers) {
            int live = 0;
            for (Thread t : workerThreads) {
                live += t.isAlive() ? 1 : 0;
            }
            return live;
        }
    }

    /** Interrupts worker {@code pick} modulo the number started, if it is still running. */
    void interruptWorker(int pick) {
        synchronized (workers) {
            final Thread t = workerThreads.get(pick % workerThreads.size());
            if (t.isAlive()) {
                t.interrupt();
                tally.interrupted();
            }
        }
    }

    /** Retires worker {@code pick} modulo the number started, unless only two are running. */
    void retireWorker(int pick) {
        synchronized (workers) {
            if (liveWorkers() > 2) {
                workers.get(pick % workers.size()).retire();
            }
        }
    }

    private List<Thread> snapshotThreads() {
        synchronized (workers) {
            return List.copyOf(workerThreads);
        }
    }

    boolean windingDown() {
        return windingDown;
    }

    /** Whether the wake-up check of the wind-down is still probing the workers' waits. */
    boolean probing() {
        return probing;
    }

    void sendStarted() {
        sendsInFlight.incrementAndGet();
    }

    void sendFinished() {
        sendsInFlight.decrementAndGet();
    }

    RoundChannels channels() {
        return channels;
    }

    Ledger ledger() {
        return ledger;
    }

    Tally tally() {
        return tally;
    }

    static String stackTrace(Throwable t) {
        final StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
