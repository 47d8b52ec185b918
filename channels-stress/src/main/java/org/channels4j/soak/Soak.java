package org.channels4j.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak: hours (or, in {@code mvn verify}, 20 seconds) of random traffic on every channel
 * kind, with interrupts, timeouts and closes arriving at random, and every element accounted
 * for.
 *
 * <pre>
 * java -jar channels-stress/target/soak.jar --seconds N [--seed S] [--threads platform|virtual|both]
 * </pre>
 *
 * <p>The run is a sequence of {@link Round}s, each on fresh channels, until {@code --seconds}
 * have passed (the round in progress is finished, so a run overshoots by at most about two
 * seconds). Each round's {@link Ledger} must balance; the {@link Watchdog} fails the run if
 * nothing moves for 30 seconds, and each round's {@link WakeCheck} if a worker stays blocked
 * on a clause that could proceed (a lost wake-up, counted as stuck); the {@link HeapSampler}
 * fails it if the retained heap keeps growing, and the {@link ElementWatch} if an element of a
 * round that is over stays reachable. It ends with one summary line,
 * <pre>
 * soak: 600 s, seed 42, 123456789 messages, 2345678 selects, 34567 interrupts, 4567 closes, 780 context cancels, 790 groups (401 failed, 356 tasks stopped by interrupt), 41234 asPublisher subscriptions (2567890 elements); lost 0, doubled 0, stuck 0, heap flat
 * </pre>
 * and exit status 0, or with what broke and exit status 1; bad arguments give exit status 2.
 * The seconds in the summary are the wall time the run took; <em>messages</em> are elements
 * accepted by a channel, <em>selects</em> those that completed a clause or threw
 * {@code ChannelClosedException}, <em>interrupts</em> those delivered to a live worker,
 * <em>closes</em> the close calls that returned {@code true}, <em>context cancels</em> the
 * rounds whose context the fault injector cancelled mid-traffic, <em>groups</em> the rounds'
 * {@link GroupCrew}s, how many of them had a task fail, and how many tasks then ended by
 * rethrowing the group's interrupt; <em>asPublisher subscriptions</em> those of the rounds'
 * {@link FlowConsumer}s, and the elements they got by {@code onNext}.
 *
 * <p>The seed is printed first; the same seed replays the same random choices (channel kinds,
 * worker counts, operations, clauses, fault timings), not the same interleaving.
 */
public final class Soak {
    private final SoakOptions options;
    private final Tally tally = new Tally();
    private final HeapSampler heap;
    private final ElementWatch elements = new ElementWatch();
    private final long start = System.nanoTime();
    private volatile Round current;
    private long lost;
    private long doubled;

    private Soak(SoakOptions options) {
        this.options = options;
        this.heap = new HeapSampler(options.seconds());
    }

    public static void main(String[] args) {
        final SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Soak(options).run());
    }

    private int run() {
        final PrintStream out = System.out;
        out.println("soak: " + options.seconds() + " s on " + options.threads() + ", seed " + options.seed()
                + " (replay the same choices with --seed " + options.seed() + ")");
        new Watchdog(tally, this::stuck).start();
        final long deadline = start + TimeUnit.SECONDS.toNanos(options.seconds());
        final SplittableRandom roundLengths = new SplittableRandom(options.seed());
        try {
            int number = 0;
            do {
                final long traffic = Math.max(TimeUnit.MILLISECONDS.toNanos(100),
                        Math.min(deadline - System.nanoTime(), roundLengths.nextLong(200_000_000, 1_200_000_000)));
                final Round round = new Round(number, options.seed(), options.threads(), tally, elements, traffic, this::stuck);
                current = round;
                final Ledger.Verdict verdict = round.run();
                lost += verdict.lost();
                doubled += verdict.doubled();
                if (!verdict.problems().isEmpty()) {
                    synchronized (out) {
                        out.println("soak: FAILED in " + round.describe() + ", " + verdict.accepted() + " accepted, "
                                + verdict.delivered() + " delivered:");
                        verdict.problems().forEach(p -> out.println("  " + p));
                        out.println(summary(0) + "; phantom " + verdict.phantom() + ", reordered "
                                + verdict.reordered() + "; FAILED");
                    }
                    return 1;
                }
                final boolean collected;
                if (number == 0) {
                    heap.sample();
                    collected = true;
                } else {
                    collected = heap.sampleIfDue();
                }
                if (collected && retained(number)) {
                    return 1;
                }
                number++;
            } while (System.nanoTime() < deadline);
            heap.sample();
            if (retained(number - 1)) {
                return 1;
            }
        } catch (Throwable t) {
            synchronized (out) {
                out.println("soak: FAILED: the coordinator threw in " + describeCurrent() + ": " + Round.stackTrace(t));
                out.println(summary(0) + "; FAILED");
            }
            return 1;
        }
        synchronized (out) {
            if (heap.growing()) {
                out.println("soak: FAILED: the retained heap kept growing: " + heap.describeSamples());
                out.println(summary(0) + "; FAILED");
                return 1;
            }
            out.println("soak: retained heap after full GC: " + heap.describeSamples());
            out.println("soak: " + elements.describe());
            out.println(summary(0));
        }
        return 0;
    }

    /**
     * Right after a full collection, with round {@code finished} just over: whether the
     * {@link ElementWatch} found an element of an earlier round retained; if so, reports it.
     */
    private boolean retained(int finished) {
        final List<String> retained = elements.check(finished);
        if (retained.isEmpty()) {
            return false;
        }
        final PrintStream out = System.out;
        synchronized (out) {
            out.println("soak: FAILED: sampled elements of finished rounds are still reachable after full GCs"
                    + " (kept by something that outlives their channels):");
            retained.forEach(r -> out.println("  " + r));
            out.println(summary(0) + "; FAILED");
        }
        return true;
    }

    /** The verdict of the watchdog or of a round's wake-up check: report with the thread dump, and exit 1. */
    private void stuck(String why, String threadDump) {
        final PrintStream out = System.out;
        synchronized (out) {
            out.println("soak: STUCK: " + why + " in " + describeCurrent() + "; thread dump:");
            out.println(threadDump);
            out.println(summary(1) + "; FAILED");
        }
        System.exit(1);
    }

    private String describeCurrent() {
        final Round round = current;
        return round == null ? "the start" : round.describe();
    }

    private String summary(int stuck) {
        final long seconds = Math.round((System.nanoTime() - start) / 1e9);
        return "soak: " + seconds + " s, seed " + options.seed() + ", " + tally.messages() + " messages, "
                + tally.selects() + " selects, " + tally.interrupts() + " interrupts, " + tally.closes() + " closes, "
                + tally.contextCancels() + " context cancels, " + tally.groups() + " groups (" + tally.groupFailures()
                + " failed, " + tally.groupInterrupts() + " tasks stopped by interrupt), " + tally.flowSubscriptions()
                + " Flow subscriptions (asPublisher, and fromPublisher relays; " + tally.flowElements() + " elements); "
                + "lost " + lost + ", doubled " + doubled + ", stuck " + stuck + ", heap " + heap.verdict();
    }
}
