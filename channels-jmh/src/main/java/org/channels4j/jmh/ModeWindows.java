package org.channels4j.jmh;

import java.util.Locale;

/**
 * A probe, not a benchmark: in one JVM, alternates {@link LinePingPong}'s cache-line round trip
 * (the machine's mode) with short windows of a benchmark's workload, so that every window's
 * figure can be read against the mode measured just before and just after it. JMH's fork means
 * mix the modes in whatever proportion a fork happened to meet them; this separates them.
 *
 * <p>The workloads: {@code roundtrip}, {@link PingPong#roundTripVirtual}'s (two new virtual
 * threads, {@value PingPong#ROUND_TRIPS} round trips, joined; ns a round trip), and
 * {@code handoff}, {@link BlockingCost#handoffVirtual}'s (a virtual sender and a virtual
 * receiver, {@value BlockingCost#MESSAGES} messages; ns a message), and
 * {@code batch:<producers>:<mpsc|mpmc>}, {@link BatchThroughput#transfer}'s on virtual threads
 * ({@value BatchThroughput#MESSAGES} messages shared among the producers and among one consumer
 * or as many consumers as producers; ns a message, where the benchmark reports messages a
 * microsecond). Each window runs such
 * invocations for the window's length, after a warm-up of the same workload. The line probe is
 * {@value #LINE_TRIPS} round trips between two platform threads, a few milliseconds.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.channels4j.jmh.ModeWindows <roundtrip|handoff|batch:P:shape>
 * <impl> <capacity> <windows> <window ms> [warm-up ms]}, where {@code impl} is a benchmark id
 * ({@code channels4j}, {@code sq}, ...) or {@code class:<name>} ({@link #create}); prints one
 * line a window:
 * {@code <workload> <impl> <capacity> <line ns before> <ns> <line ns after>}.
 */
public final class ModeWindows {
    static final int LINE_TRIPS = 20_000;

    private ModeWindows() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 5 || !(args[0].equals("roundtrip") || args[0].equals("handoff") || args[0].startsWith("batch:"))) {
            throw new IllegalArgumentException(
                    "usage: ModeWindows <roundtrip|handoff|batch:P:mpsc|batch:P:mpmc> <impl> <capacity> <windows> <window ms> [warm-up ms]");
        }
        final String workload = args[0];
        final String impl = args[1];
        final String capacity = args[2];
        final int windows = Integer.parseInt(args[3]);
        final long windowNanos = Long.parseLong(args[4]) * 1_000_000L;
        final long warmupNanos = (args.length > 5 ? Long.parseLong(args[5]) : 3_000L) * 1_000_000L;
        final ChannelUnderTest a = create(impl, capacity);
        final ChannelUnderTest b = create(impl, capacity);
        window(workload, a, b, warmupNanos);
        lineRoundTrip(); // warm the probe too
        for (int w = 0; w < windows; w++) {
            final double before = lineRoundTrip();
            final double ns = window(workload, a, b, windowNanos);
            final double after = lineRoundTrip();
            System.out.printf(Locale.ROOT, "%s %s %s %.0f %.0f %.0f%n", args[0], impl, capacity, before, ns, after);
        }
    }

    private static double window(String workload, ChannelUnderTest a, ChannelUnderTest b, long nanos)
            throws InterruptedException {
        if (workload.startsWith("batch:")) {
            final String[] f = workload.split(":");
            if (f.length != 3 || !(f[2].equals("mpsc") || f[2].equals("mpmc"))) {
                throw new IllegalArgumentException("batch:<producers>:<mpsc|mpmc>, was " + workload);
            }
            final int producers = Integer.parseInt(f[1]);
            return batches(a, producers, f[2].equals("mpsc") ? 1 : producers, nanos);
        }
        return workload.equals("roundtrip") ? roundTrips(a, b, nanos) : handoffs(a, nanos);
    }

    /** Mean ns a message of {@code BatchThroughput.transfer}'s invocations (virtual threads) over about {@code nanos}. */
    private static double batches(ChannelUnderTest c, int producers, int consumers, long nanos)
            throws InterruptedException {
        final int messages = BatchThroughput.MESSAGES;
        final long end = System.nanoTime() + nanos;
        final Thread[] threads = new Thread[producers + consumers];
        long elapsed = 0;
        long done = 0;
        do {
            final long start = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                threads[p] = virtual(() -> {
                    for (int i = messages / producers; i > 0; i--) {
                        c.send(ChannelUnderTest.MESSAGE);
                    }
                });
            }
            for (int k = 0; k < consumers; k++) {
                threads[producers + k] = virtual(() -> {
                    for (int i = messages / consumers; i > 0; i--) {
                        c.receive();
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            elapsed += System.nanoTime() - start;
            done += messages;
        } while (System.nanoTime() < end);
        return (double) elapsed / done;
    }

    /** Mean ns a message of {@code BlockingCost.handoffVirtual}'s invocations over about {@code nanos}. */
    private static double handoffs(ChannelUnderTest c, long nanos) throws InterruptedException {
        final int messages = BlockingCost.MESSAGES;
        return pairs(() -> {
            for (int n = 0; n < messages; n++) {
                c.receive();
            }
        }, () -> {
            for (int n = 0; n < messages; n++) {
                c.send(ChannelUnderTest.MESSAGE);
            }
        }, messages, nanos);
    }

    /** Mean ns a round trip of {@code PingPong.roundTripVirtual}'s invocations over about {@code nanos}. */
    private static double roundTrips(ChannelUnderTest a, ChannelUnderTest b, long nanos) throws InterruptedException {
        final int trips = PingPong.ROUND_TRIPS;
        return pairs(() -> {
            for (int i = 0; i < trips; i++) {
                b.send(a.receive());
            }
        }, () -> {
            for (int i = 0; i < trips; i++) {
                a.send(ChannelUnderTest.MESSAGE);
                b.receive();
            }
        }, trips, nanos);
    }

    /**
     * Runs invocations of two virtual threads for about {@code nanos}: {@code partner} started
     * first, then the clock, then {@code driver}; both joined. Returns the mean ns of one of the
     * {@code count} operations an invocation makes.
     */
    private static double pairs(Loop partner, Loop driver, int count, long nanos) throws InterruptedException {
        final long end = System.nanoTime() + nanos;
        long elapsed = 0;
        long done = 0;
        do {
            final Thread first = virtual(partner);
            final long start = System.nanoTime();
            final Thread second = virtual(driver);
            second.join();
            first.join();
            elapsed += System.nanoTime() - start;
            done += count;
        } while (System.nanoTime() < end);
        return (double) elapsed / done;
    }

    /**
     * {@link Implementation#create(String, String)}, or for {@code class:<name>} a
     * {@link ChannelUnderTest} of that class on the class path, made by its public constructor
     * taking the capacity: a reference algorithm written for an experiment, outside the
     * benchmarks' peer list.
     */
    private static ChannelUnderTest create(String impl, String capacity) {
        if (!impl.startsWith("class:")) {
            return Implementation.create(impl, capacity);
        }
        try {
            return (ChannelUnderTest) Class.forName(impl.substring("class:".length()))
                    .getConstructor(String.class).newInstance(capacity);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot make " + impl + " with capacity " + capacity, e);
        }
    }

    /** {@link LinePingPong}'s measure, {@value #LINE_TRIPS} round trips. */
    private static double lineRoundTrip() throws InterruptedException {
        return LinePingPong.roundTripNanos(LINE_TRIPS);
    }

    /** A loop a window's virtual thread runs; nothing interrupts it here. */
    @FunctionalInterface
    private interface Loop {
        void run() throws InterruptedException;
    }

    /** Starts a virtual thread running {@code loop}. */
    private static Thread virtual(Loop loop) {
        return Thread.ofVirtual().start(() -> {
            try {
                loop.run();
            } catch (InterruptedException stop) {
                // not interrupted here
            }
        });
    }
}
