package org.channels4j.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A virtual-thread benchmark's guard: refuses the trial if its {@code impl} parameter names an
 * implementation that spins without ever parking ({@code Implementation.spins()}), which is
 * measured on platform threads only.
 */
@State(Scope.Benchmark)
public class NotSpinning {
    @Setup(Level.Trial)
    public void check(BenchmarkParams params) {
        final String impl = params.getParam("impl");
        if (Implementation.byId(impl).spins()) {
            throw new IllegalArgumentException("not applicable: " + impl + " spins, measured on platform threads only");
        }
    }
}
