package org.channels4j;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * {@code Context}: a parent's sweep of dead registrations racing an ancestor's cancel
 * ({@code ContextChildren}, "Done is not dead"). In package {@code org.channels4j} to read a
 * context's count of registered children, which is package-private (the jar runs on the class
 * path, so the package is shared).
 *
 * <p>The tree is {@code root → p → c → g}. {@code p} has counted one change short of a sweep,
 * so the second actor's release of another child of {@code p} sweeps {@code p}'s list. From the
 * root's CAS on, {@code c} is done (it adopts the root's cause when read), before the root's walk
 * has reached it. A sweep that unlinked {@code c} then hid {@code g} from the walk: the cancel
 * returned with {@code c} still holding {@code g}, whose {@code done()} nobody closed, so its
 * waiters were never woken. The arbiter sees that as {@code c} still holding a registration.
 * With the sweep unlinking every done child (the bug, planted) this reported {@code false, true}
 * (see the closing note of 2026-12-06); the fix keeps {@code c} linked until a walk takes it.
 */
@JCStressTest
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "the root's walk took c's children and g is done with the root's cause")
@Outcome(id = "false, .*", expect = FORBIDDEN, desc = "a sweep hid c from the root's walk: g's waiters would never be woken")
@Outcome(expect = FORBIDDEN, desc = "g is not done with the root's cause")
@State
public class ContextSweepStress {
    private static final RuntimeException CAUSE = new RuntimeException("root cancelled");

    private final Context root = Context.background().withCancel();
    private final Context p = root.withCancel();
    private final Context c = p.withCancel(); // change 1 on p
    private final Context g = c.withCancel();
    private final Context extra = p.withCancel(); // change 2

    public ContextSweepStress() {
        // Each child made and closed is two changes on p: 2 + 2 * 31 = 64, so the next change,
        // the actor's release of extra, finds the count at the threshold and sweeps p's list.
        for (int i = 0; i < (ContextChildren.SWEEP_PERIOD - 2) / 2; i++) {
            p.withCancel().close();
        }
    }

    @Actor
    public void cancelRoot() {
        root.cancel(CAUSE);
    }

    @Actor
    public void releaseSibling() {
        extra.close();
    }

    @Arbiter
    public void check(ZZ_Result r) {
        r.r1 = c.registeredChildren() == 0;
        r.r2 = g.isDone() && g.cause() == CAUSE;
    }
}
