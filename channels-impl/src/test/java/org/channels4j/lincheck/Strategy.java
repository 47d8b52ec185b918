package org.channels4j.lincheck;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * How Lincheck explores a scenario, with the budget every check in this suite gets.
 *
 * <p>Model checking runs the threads one at a time and switches between them at shared-memory
 * accesses, choosing the switch points so as to cover many different interleavings; it finds
 * races that need a precise schedule, but it lets {@code park} return spuriously, so it cannot
 * see a lost wake-up (the jcstress termination tests can). Stress runs the threads for real, on
 * real cores, and sees what the memory model and the JIT do. Neither is a proof: each is a
 * bounded search, sized here so the whole suite stays within a few minutes on two cores.
 */
public enum Strategy {
    MODEL_CHECKING(500, 200) {
        @Override
        Options<?, ?> newOptions() {
            return new ModelCheckingOptions();
        }
    },
    STRESS(500, 50) {
        @Override
        Options<?, ?> newOptions() {
            return new StressOptions();
        }
    };

    /** Generated scenarios per check. */
    static final int ITERATIONS = 10;

    /** Runs of each generated scenario. */
    private final int invocationsPerGenerated;
    /**
     * Runs of each hand-built scenario. These scenarios are small, so model checking covers
     * most of their interleavings in a few hundred runs. In stress each run of a scenario with
     * a blocked call waits for a real park and unpark, and with more threads than the two
     * cores Lincheck parks its own threads between runs too: a hundred runs of such a
     * scenario took over 10 s here.
     */
    private final int invocationsPerCustom;

    Strategy(int invocationsPerGenerated, int invocationsPerCustom) {
        this.invocationsPerGenerated = invocationsPerGenerated;
        this.invocationsPerCustom = invocationsPerCustom;
    }

    abstract Options<?, ?> newOptions();

    /** Every one of {@code kinds} under every strategy: the arguments of a parameterized check. */
    static Stream<Arguments> underEveryStrategy(Object[] kinds) {
        return Arrays.stream(kinds).flatMap(kind ->
                Arrays.stream(values()).map(strategy -> Arguments.of(kind, strategy)));
    }

    /**
     * {@link #ITERATIONS} generated scenarios, each with two threads of three operations
     * between two operations before and two after, after the hand-built {@code alsoRun}
     * (which cover the longer runs of operations that random draws seldom make useful).
     */
    public Options<?, ?> generated(Class<?> sequentialSpecification, List<ExecutionScenario> alsoRun) {
        return withScenarios(newOptions(), alsoRun)
                .iterations(ITERATIONS)
                .invocationsPerIteration(invocationsPerGenerated)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(sequentialSpecification);
    }

    /** Only the given hand-built scenarios; none generated. */
    public Options<?, ?> only(Class<?> sequentialSpecification, List<ExecutionScenario> scenarios) {
        return withScenarios(newOptions(), scenarios)
                .iterations(0)
                .invocationsPerIteration(invocationsPerCustom)
                .sequentialSpecification(sequentialSpecification);
    }

    private static Options<?, ?> withScenarios(Options<?, ?> options, List<ExecutionScenario> scenarios) {
        for (ExecutionScenario scenario : scenarios) {
            options = options.addCustomScenario(scenario);
        }
        return options;
    }
}
