package org.channels4j.lincheck;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.HBClock;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.CachedVerifier;

/**
 * A linearizability check against a {@link NondeterministicModel}, set on Lincheck's options
 * with {@code verifier(NondeterministicLinearizabilityVerifier.class)} next to
 * {@code sequentialSpecification(model class)}.
 *
 * <p>A brute-force search: it runs the initial part on the model (keeping every state the
 * results allow), then tries every order of the parallel operations that respects program
 * order and real time, and in each order every outcome the model allows for each operation,
 * and accepts the run if some order and some outcomes reproduce every result, the post part's
 * included. An operation may come next only if each operation that had completed before it
 * started (its {@link HBClock}: for each other thread, how many of that thread's operations had
 * completed) already has. A result matches only a {@link ValueResult} with an equal value, so
 * an exception fails the check. Scenarios are a few operations per thread, so the search is
 * small; states already explored with the same progress are not explored again.
 */
public final class NondeterministicLinearizabilityVerifier extends CachedVerifier {
    private final Class<?> modelClass;

    /** The signature Lincheck instantiates verifiers with: the sequential specification. */
    public NondeterministicLinearizabilityVerifier(Class<?> sequentialSpecification) {
        if (!NondeterministicModel.class.isAssignableFrom(sequentialSpecification)) {
            throw new IllegalArgumentException(sequentialSpecification.getName() + " is not a "
                    + NondeterministicModel.class.getSimpleName());
        }
        this.modelClass = sequentialSpecification;
    }

    @Override
    public boolean verifyResultsImpl(ExecutionScenario scenario, ExecutionResult results) {
        return new Search(newModel(), scenario, results).linearizable();
    }

    private NondeterministicModel newModel() {
        try {
            return (NondeterministicModel) modelClass.getConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | NoSuchMethodException e) {
            throw new IllegalStateException("cannot create " + modelClass.getName(), e);
        }
    }

    private static final class Search {
        private final NondeterministicModel model;
        private final ExecutionScenario scenario;
        private final ExecutionResult results;
        private final int threads;
        /** (state, progress of every thread) already explored without success. */
        private final Set<List<Object>> explored = new HashSet<>();

        Search(NondeterministicModel model, ExecutionScenario scenario, ExecutionResult results) {
            this.model = model;
            this.scenario = scenario;
            this.results = results;
            this.threads = scenario.getParallelExecution().size();
        }

        boolean linearizable() {
            final Set<Object> afterInit = sequential(Set.of(model.initialState()),
                    scenario.getInitExecution(), results.getInitResults());
            for (Object state : afterInit) {
                if (parallel(state, new int[threads])) {
                    return true;
                }
            }
            return false;
        }

        /** The states {@code actors} may lead to from {@code states}, returning {@code expected}. */
        private Set<Object> sequential(Set<Object> states, List<Actor> actors, List<LincheckResult> expected) {
            for (int i = 0; i < actors.size() && !states.isEmpty(); i++) {
                final Set<Object> next = new LinkedHashSet<>();
                for (Object state : states) {
                    for (NondeterministicModel.Step step : steps(state, actors.get(i))) {
                        if (matches(expected.get(i), step.result())) {
                            next.add(step.next());
                        }
                    }
                }
                states = next;
            }
            return states;
        }

        /** Whether the rest of the parallel part, then the post part, can follow from {@code state}. */
        private boolean parallel(Object state, int[] done) {
            final List<Object> key = new ArrayList<>(threads + 1);
            key.add(state);
            boolean finished = true;
            for (int t = 0; t < threads; t++) {
                key.add(done[t]);
                finished &= done[t] == scenario.getParallelExecution().get(t).size();
            }
            if (finished) {
                return !sequential(Set.of(state), scenario.getPostExecution(), results.getPostResults()).isEmpty();
            }
            if (!explored.add(key)) {
                return false;
            }
            for (int t = 0; t < threads; t++) {
                final int i = done[t];
                if (i == scenario.getParallelExecution().get(t).size() || !mayComeNext(t, i, done)) {
                    continue;
                }
                final LincheckResult expected = results.getParallelResultsWithClock().get(t).get(i).getResult();
                for (NondeterministicModel.Step step : steps(state, scenario.getParallelExecution().get(t).get(i))) {
                    if (matches(expected, step.result())) {
                        done[t]++;
                        final boolean found = parallel(step.next(), done);
                        done[t]--;
                        if (found) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Real time: every operation that completed before operation {@code i} of thread {@code t} started is done. */
        private boolean mayComeNext(int t, int i, int[] done) {
            final ResultWithClock result = results.getParallelResultsWithClock().get(t).get(i);
            final HBClock clock = result.getClockOnStart();
            for (int u = 0; u < threads; u++) {
                if (u != t && done[u] < clock.get(u)) {
                    return false;
                }
            }
            return true;
        }

        private List<NondeterministicModel.Step> steps(Object state, Actor actor) {
            return model.steps(state, actor.getMethod().getName(), actor.getArguments());
        }

        private static boolean matches(LincheckResult actual, Object modelResult) {
            return actual instanceof ValueResult value && Objects.equals(value.getValue(), modelResult);
        }
    }
}
