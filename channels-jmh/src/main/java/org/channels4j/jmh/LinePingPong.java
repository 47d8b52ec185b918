package org.channels4j.jmh;

/**
 * A probe of the machine, not a benchmark: two platform threads bounce one cache line (each
 * waits for the other's volatile write, then writes back), and the mean round trip is printed,
 * for three rounds. {@code bench.sh} runs it before every JMH command.
 *
 * <p>Why: on the 2-vCPU build VM the two CPUs are sometimes close (a round trip of about 60 ns)
 * and sometimes far apart (350–600 ns), and the placement changes within minutes. Every handoff
 * between two carriers pays such crossings, so the mode, not the code, decides the blocking
 * cells on two carriers ({@code channels-jmh/results/queued-partner/README.md}). A figure is
 * only comparable with one measured in the same mode.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.channels4j.jmh.LinePingPong [round trips]};
 * prints one line, {@code <ns> <ns> <ns> <near|far|mixed>}.
 */
public final class LinePingPong {
    /** A median round trip below this many ns is the near mode. */
    static final double NEAR_BELOW_NS = 150;
    /** A median round trip above this many ns is the far mode; in between, "mixed". */
    static final double FAR_ABOVE_NS = 250;

    private static volatile long ping;
    private static volatile long pong;

    private LinePingPong() {
    }

    public static void main(String[] args) throws InterruptedException {
        final int trips = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        final double[] ns = new double[3];
        for (int round = 0; round < ns.length; round++) {
            ns[round] = roundTripNanos(trips);
        }
        final double[] sorted = ns.clone();
        java.util.Arrays.sort(sorted);
        final double median = sorted[1];
        final String mode = median < NEAR_BELOW_NS ? "near" : median > FAR_ABOVE_NS ? "far" : "mixed";
        System.out.printf("%.0f %.0f %.0f %s%n", ns[0], ns[1], ns[2], mode);
    }

    /** The mean round trip in ns over {@code trips} round trips; {@link ModeWindows} and {@link ModeProbe} use it too. */
    static double roundTripNanos(int trips) throws InterruptedException {
        ping = 0;
        pong = 0;
        final Thread echo = new Thread(() -> {
            for (long i = 1; i <= trips; i++) {
                while (ping != i) {
                    Thread.onSpinWait();
                }
                pong = i;
            }
        });
        echo.start();
        final long start = System.nanoTime();
        for (long i = 1; i <= trips; i++) {
            ping = i;
            while (pong != i) {
                Thread.onSpinWait();
            }
        }
        final long elapsed = System.nanoTime() - start;
        echo.join();
        return (double) elapsed / trips;
    }
}
