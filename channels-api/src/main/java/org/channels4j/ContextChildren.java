package org.channels4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The children a {@link Context} must cancel along with itself: a lock-free list of
 * registrations, pushed at the head and unlinked lazily once their child is done.
 *
 * <h2>Algorithm</h2>
 * Registration is a Treiber-stack push: one CAS on {@code head}. A registration dies when its
 * child no longer needs its parent's walk ({@link Context#sweepable()}): the child's own cancel
 * has finished walking its descendants, or its deadline, and so every descendant's, has passed.
 * Nobody unlinks it at that moment.
 * Instead every push and every child's end counts as a change, and once the changes since the
 * last sweep reach {@code sweepThreshold} the thread that counted the last one sweeps: it
 * walks the list and unlinks dead registrations with a CAS on their predecessor's {@code next}
 * (or on {@code head}). The threshold is then the number of live registrations the sweep
 * found, at least {@link #SWEEP_PERIOD}, so sweeping costs O(1) per change, amortised, and
 * the list never holds many more dead registrations than live ones. This is the scheme
 * {@code WaitQueue} uses for abandoned waiters.
 *
 * <h2>Invariants</h2>
 * Only dead registrations are unlinked, and inserts happen only at the head, so a node's
 * {@code next} changes only by unlinking dead successors: a sweep that unlinks a node with a
 * stale {@code next} can at worst make a dead node reachable again (the next sweep takes it),
 * never lose a live one. Unlinked nodes keep their {@code next}, so a walk standing on one
 * still reaches every node after it. {@link #takeAll} detaches the whole list with one
 * atomic swap: the cancel of the owner sees every registration pushed before it.
 *
 * <p><b>Done is not dead.</b> A child is done from the instant an ancestor's cancel CASes its
 * cause (it adopts the cause when read), before that cancel's walk has reached it. Such a child
 * must stay linked until the walk takes it: a sweep that unlinked it would hide its children
 * from the walk, and a thread parked on a grandchild's {@code done()} would never be woken
 * (found in review, 2026-12-06; {@code ContextSweepRaceTest}, jcstress
 * {@code ContextSweepStress}). Only the walk that takes the list, the child's own completed
 * walk, or its passed deadline makes its registration dead.
 *
 * <h2>Why not a concurrent hash set</h2>
 * A {@code ConcurrentHashMap} keyed by identity hash codes locks its bins when they collide,
 * and its iteration order depends on hash codes, which Lincheck's model checker cannot replay
 * deterministically. A context only ever needs to add, to forget dead children eventually and
 * to take them all once: a stack does that with one CAS per operation.
 */
final class ContextChildren {
    /** Changes between sweeps, at the least. */
    static final int SWEEP_PERIOD = 64;

    private static final VarHandle HEAD;
    private static final VarHandle NEXT;
    private static final VarHandle CHANGES;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(ContextChildren.class, "head", Registration.class);
            NEXT = lookup.findVarHandle(Registration.class, "next", Registration.class);
            CHANGES = lookup.findVarHandle(ContextChildren.class, "changesSinceSweep", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One child's place in the list; dead once the child is {@link Context#sweepable()}. */
    private static final class Registration {
        final Context child;
        /** Plain write before the push CAS publishes it; afterwards changed only by CAS. */
        volatile Registration next;

        Registration(Context child) {
            this.child = child;
        }
    }

    private volatile Registration head;
    /** Pushes and children's ends since the last sweep. */
    private volatile int changesSinceSweep;
    /** Changes that trigger the next sweep. Plain: a racy heuristic, like the counter's reset. */
    private int sweepThreshold = SWEEP_PERIOD;

    /**
     * Registers {@code child}. The push CAS is the publication the owner's re-check of its own
     * state must come after (Dekker with {@link #takeAll} after the owner's cancel).
     */
    void add(Context child) {
        final Registration r = new Registration(child);
        for (;;) {
            final Registration h = head;
            r.next = h;
            if (HEAD.compareAndSet(this, h, r)) {
                break;
            }
        }
        changed();
    }

    /** A registered child is done: its registration may go at the next sweep. */
    void childDone() {
        changed();
    }

    private void changed() {
        if ((int) CHANGES.getAndAdd(this, 1) >= sweepThreshold) {
            CHANGES.setOpaque(this, 0); // opaque: a racy reset only shifts the next sweep
            sweepThreshold = Math.max(SWEEP_PERIOD, sweep());
        }
    }

    /**
     * Unlinks the dead registrations it meets.
     *
     * @return how many live registrations it passed
     */
    private int sweep() {
        int live = 0;
        Registration pred = null;
        Registration r = head;
        while (r != null) {
            final Registration next = r.next;
            final boolean unlinked = r.child.sweepable()
                    && (pred == null ? HEAD.compareAndSet(this, r, next) : NEXT.compareAndSet(pred, r, next));
            if (!unlinked) { // live, or a push or another sweep got there first: keep it for now
                live += r.child.isDone() ? 0 : 1;
                pred = r;
            }
            r = next;
        }
        return live;
    }

    /** Detaches every registration and hands each child, live or dead, to {@code action}. */
    void takeAll(Consumer<Context> action) {
        // getAndSet: one atomic step, read after the owner's cancel CAS (see add)
        for (Registration r = (Registration) HEAD.getAndSet(this, null); r != null; r = r.next) {
            action.accept(r.child);
        }
    }

    /** Registrations still linked, live or dead: for tests that nothing is retained. */
    int linked() {
        int count = 0;
        for (Registration r = head; r != null; r = r.next) {
            count++;
        }
        return count;
    }
}
