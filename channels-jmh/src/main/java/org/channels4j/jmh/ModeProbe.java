package org.channels4j.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The machine's mode around each JMH iteration, for the benchmarks that take this state
 * ({@link BatchThroughput#transfer}, {@link PingPong#roundTripVirtual},
 * {@link BlockingCost#handoffVirtual}): with {@code -jvmArgsAppend -Dchannels4j.modeProbe=<file>}
 * it runs {@link LinePingPong}'s cache-line round trip ({@value ModeWindows#LINE_TRIPS} trips, a
 * few milliseconds, while the benchmark's threads are idle) before and after every iteration
 * and appends a line to the file:
 * {@code <benchmark> <params> <WARMUP|MEASUREMENT> <iteration> <ns before> <ns after>}.
 * Without the property it does nothing. JMH's JSON keeps each iteration's score
 * ({@code rawData}); {@code channels-jmh/results/mode-windows/jmh/table.py} gives each its mode,
 * as {@link ModeWindows} does for its own windows, but on the benchmarks themselves.
 */
@State(Scope.Benchmark)
public class ModeProbe {
    static final String FILE = System.getProperty("channels4j.modeProbe");

    private double before;
    private int warmups;
    private int measurements;

    @Setup(Level.Iteration)
    public void before() throws InterruptedException {
        if (FILE != null) {
            before = LinePingPong.roundTripNanos(ModeWindows.LINE_TRIPS);
        }
    }

    @TearDown(Level.Iteration)
    public void after(BenchmarkParams benchmark, IterationParams iteration) throws InterruptedException, IOException {
        if (FILE == null) {
            return;
        }
        final double after = LinePingPong.roundTripNanos(ModeWindows.LINE_TRIPS);
        final boolean warmup = iteration.getType() == IterationType.WARMUP;
        final String params = benchmark.getParamsKeys().stream()
                .map(k -> k + "=" + benchmark.getParam(k))
                .collect(Collectors.joining(","));
        final String line = String.format(Locale.ROOT, "%s %s %s %d %.0f %.0f%n", benchmark.getBenchmark(), params,
                iteration.getType(), warmup ? ++warmups : ++measurements, before, after);
        Files.writeString(Path.of(FILE), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
