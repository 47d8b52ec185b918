package org.channels4j.jmh;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM spends per operation, beside the wall time JMH reports:
 * {@code -prof org.channels4j.jmh.CpuTimeProfiler}. A wait that spins and a wait that parks
 * can take the same wall time and very different CPU time; on platform threads channels4j
 * spins before it parks and most peers park at once, so their wall-time figures alone do not
 * compare what each costs the machine ({@code channels-jmh/README.md}, "What the figures do
 * not say").
 *
 * <p>Two secondary metrics an iteration: {@code cpu.time.norm}, the process's CPU time
 * ({@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime}, every thread of the
 * forked JVM: the benchmark's, a partner thread the benchmark starts, the carriers of virtual
 * threads, and also JIT and GC threads) divided by the operations JMH counted in the
 * iteration, ns/op; and {@code cpu.util}, that CPU time over the iteration's wall time, the
 * number of CPUs kept busy on average. As {@code -prof gc}'s norm, it divides by JMH's
 * operations: a {@code GroupThroughput} message is two of them (its {@code send} and
 * {@code take}), so its CPU time a message is twice {@code cpu.time.norm}. The process CPU
 * clock of Linux advances in scheduler ticks on some kernels, so an iteration should last at
 * least a few hundred milliseconds.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation (cpu.time.norm) and CPUs busy (cpu.util)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        final long cpu = os.getProcessCpuTime() - cpuStart;
        final long wall = System.nanoTime() - wallStart;
        final long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("cpu.time.norm", ops > 0 ? (double) cpu / ops : Double.NaN, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.util", wall > 0 ? (double) cpu / wall : Double.NaN, "CPUs", AggregationPolicy.AVG));
    }
}
