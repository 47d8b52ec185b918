package org.channels4j.lincheck;

import static org.channels4j.lincheck.Scenarios.actor;
import static org.channels4j.lincheck.Scenarios.initial;
import static org.channels4j.lincheck.Scenarios.parallel;
import static org.channels4j.lincheck.Scenarios.post;
import static org.channels4j.lincheck.Scenarios.scenario;
import static org.channels4j.lincheck.Scenarios.thread;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.channels4j.Context;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15: cancel, withCancel and isDone of {@code Context} take effect atomically. A parent
 * context, one child made up front, a child of that child, and the children the scenario
 * makes are checked against {@link Model}, where cancelling a context makes every descendant
 * done in the same step. So a run in which a thread sees the parent done and then a child or
 * the grandchild still live, or in which a child made while its parent is being cancelled
 * stays live, is reported. Every operation is non-blocking, so Lincheck generates the
 * scenarios; the hand-built ones race a cancel against a withCancel, the race the jcstress
 * test {@code ContextStress} runs on real cores, and against reads down to the grandchild.
 */
public class ContextLincheckTest {

    /** The operations, on a fresh parent per run. */
    public static final class Operations {
        private final Context parent = Context.background().withCancel();
        private final Context child = parent.withCancel();
        /** A child of {@link #child}: done with the parent's cancel at its CAS, not only once the walk reaches it. */
        private final Context grandchild = child.withCancel();
        private final Queue<Context> created = new ConcurrentLinkedQueue<>();

        @Operation
        public boolean cancelParent() {
            return parent.cancel();
        }

        @Operation
        public boolean cancelChild() {
            return child.cancel();
        }

        @Operation
        public boolean parentDone() {
            return parent.isDone();
        }

        @Operation
        public boolean childDone() {
            return child.isDone();
        }

        @Operation
        public boolean grandchildDone() {
            return grandchild.isDone();
        }

        /** Makes a new child of the parent; whether it is done at creation. */
        @Operation
        public boolean withCancel() {
            final Context made = parent.withCancel();
            created.add(made);
            return made.isDone();
        }

        /** Whether every child made by {@link #withCancel} so far is done. */
        @Operation
        public boolean createdAllDone() {
            for (Context c : created) {
                if (!c.isDone()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A parent with children: a cancel reaches every child at once, a child's cancel only itself. */
    public static final class Model {
        private boolean parentCancelled;
        private boolean childCancelled;
        private int created;

        public boolean cancelParent() {
            final boolean won = !parentCancelled;
            parentCancelled = true;
            return won;
        }

        public boolean cancelChild() {
            final boolean won = !parentCancelled && !childCancelled;
            childCancelled = true;
            return won;
        }

        public boolean parentDone() {
            return parentCancelled;
        }

        public boolean childDone() {
            return parentCancelled || childCancelled;
        }

        public boolean grandchildDone() {
            return parentCancelled || childCancelled;
        }

        public boolean withCancel() {
            created++;
            return parentCancelled;
        }

        public boolean createdAllDone() {
            return created == 0 || parentCancelled;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Model m && m.parentCancelled == parentCancelled
                    && m.childCancelled == childCancelled && m.created == created;
        }

        @Override
        public int hashCode() {
            return Objects.hash(parentCancelled, childCancelled, created);
        }
    }

    private static Actor op(String name) {
        return actor(Operations.class, name);
    }

    /**
     * A cancel racing two withCancels and the reads that would see a missed child; and a cancel
     * racing reads of the parent and then of the grandchild, which must be done as soon as the
     * parent is seen done. Before this scenario and {@code grandchildDone}, every context
     * checked was the parent or a direct child, and a done channel that asked only its parent
     * (a grandchild live until the cancel's walk reached it) passed: planted in the Lincheck
     * audit, 2026-12-07.
     */
    static List<ExecutionScenario> cancelRacingWithCancel() {
        return List.of(
                scenario(
                        initial(),
                        parallel(thread(op("cancelParent"), op("createdAllDone")),
                                thread(op("withCancel"), op("childDone"), op("withCancel"))),
                        post(op("createdAllDone"), op("parentDone"))),
                scenario(
                        initial(),
                        parallel(thread(op("cancelParent")),
                                thread(op("parentDone"), op("grandchildDone"), op("childDone"))),
                        post(op("grandchildDone"))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void cancelWithCancelAndIsDoneAreLinearizable(Strategy strategy) {
        strategy.generated(Model.class, cancelRacingWithCancel()).check(Operations.class);
    }
}
