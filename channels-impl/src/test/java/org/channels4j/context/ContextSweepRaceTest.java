package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.ChannelClosedException;
import org.channels4j.Context;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parent's sweep of dead child registrations racing an ancestor's cancel (found in review,
 * 2026-12-06). A child becomes done the instant an ancestor's cancel CASes its cause (it adopts
 * the cause when read), before the ancestor's walk reaches it and takes its own children. A
 * sweep that unlinked such a child from its parent's list hid its subtree from the walk: the
 * grandchild's {@code done()} was never closed and a thread parked on it stayed parked for good.
 *
 * <p>The window is held open from outside: the root gets many children before {@code p}, so the
 * root's walk reaches {@code p} last, and this thread makes {@code p} sweep while the walk is
 * still among the siblings (releases of already-done children of {@code p} count as changes).
 * With the sweep unlinking every done child, as before the fix, both cases failed: the middle
 * context still held its child after the cancel returned, and the waiter never woke.
 */
class ContextSweepRaceTest {
    /** Enough siblings that the root's walk takes milliseconds before it reaches {@code p}. */
    private static final int SIBLINGS = 200_000;
    /** Releases on {@code p} while the walk is among the siblings: several sweeps' worth. */
    private static final int RELEASES = 4 * 64;

    @ParameterizedTest(name = "waiter on a {0} thread")
    @ValueSource(strings = {"platform", "virtual"})
    void anAncestorsCancelReachesGrandchildrenThatASweepMightHaveHidden(String kind) throws Exception {
        final Context root = Context.background().withCancel();
        for (int i = 0; i < SIBLINGS; i++) {
            root.withCancel(); // registered before p: the walk pops them first
        }
        final Context p = root.withCancel();
        final Context c = p.withCancel();
        final Context g = c.withCancel();
        assertEquals(1, ContextRegistrations.registeredChildren(c));

        final AtomicReference<Throwable> woke = new AtomicReference<>();
        final Thread.Builder builder = kind.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform();
        final Thread waiter = builder.start(() -> {
            try {
                g.done().receive();
                woke.set(new AssertionError("done() delivered an element"));
            } catch (ChannelClosedException e) {
                woke.set(e.getCause());
            } catch (InterruptedException e) {
                woke.set(e);
            }
        });
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // parked in receive
        }

        final RuntimeException cause = new RuntimeException("root cancelled");
        final Thread canceller = Thread.ofPlatform().start(() -> root.cancel(cause));
        while (!p.isDone()) {
            Thread.onSpinWait(); // true from the root's CAS on, long before its walk reaches p
        }
        for (int i = 0; i < RELEASES; i++) {
            p.withCancel().close(); // created done; its release is a change on p, and sweeps it
        }
        canceller.join();

        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "a thread parked on a grandchild's done() was never woken");
        assertEquals(0, ContextRegistrations.registeredChildren(c),
                "the root's cancel returned without taking the middle context's children");
        assertSame(cause, woke.get(), "the grandchild's done() is closed with the root's cause");
        assertTrue(g.isDone());
    }
}
