package org.channels4j.soak;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples the retained heap (used heap right after {@link System#gc()}, a full collection on
 * the JDK's collectors) between rounds, when no channel or worker of the soak is alive, and
 * judges whether it keeps growing.
 *
 * <p><b>When.</b> The first sample is taken after the first round, so that class loading and
 * the JIT's warm-up do not count as growth; then every minute, or every quarter of the run if
 * that is shorter (at least every second), so a 20 s run has about five samples; and at the end.
 *
 * <p><b>Rule.</b> The heap is <em>growing</em> when the last sample exceeds the smallest
 * earlier one by more than 16 MiB or a quarter of that smallest sample, whichever is more;
 * otherwise it is <em>flat</em>. A leak proportional to the traffic shows up as a last sample
 * far above the floor; collector noise and a few live buffers do not. With fewer than three
 * samples (a run of a few seconds) the heap is <em>not judged</em>, and the run is not failed
 * for it.
 */
final class HeapSampler {
    private static final long MIB = 1 << 20;
    private static final long SLACK = 16 * MIB;

    private final long intervalNanos;
    private final List<Long> samples = new ArrayList<>();
    private long nextDue;

    HeapSampler(long runSeconds) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(Math.max(1, Math.min(60, runSeconds / 4)));
    }

    void sample() {
        System.gc();
        samples.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        nextDue = System.nanoTime() + intervalNanos;
    }

    /** Samples if a sample is due; returns whether it did (a full collection ran). */
    boolean sampleIfDue() {
        if (System.nanoTime() >= nextDue) {
            sample();
            return true;
        }
        return false;
    }

    boolean judged() {
        return samples.size() >= 3;
    }

    boolean growing() {
        if (!judged()) {
            return false;
        }
        long floor = Long.MAX_VALUE;
        for (int i = 0; i < samples.size() - 1; i++) {
            floor = Math.min(floor, samples.get(i));
        }
        return samples.getLast() - floor > Math.max(SLACK, floor / 4);
    }

    /** "flat", "growing" or "not judged", for the summary line. */
    String verdict() {
        return !judged() ? "not judged" : growing() ? "growing" : "flat";
    }

    /** "12.3, 12.5, 12.4 MiB". */
    String describeSamples() {
        final StringBuilder s = new StringBuilder();
        for (long used : samples) {
            s.append(s.isEmpty() ? "" : ", ").append(String.format("%.1f", used / (double) MIB));
        }
        return s.append(" MiB").toString();
    }
}
