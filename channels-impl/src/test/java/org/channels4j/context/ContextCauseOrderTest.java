package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.channels4j.Context;
import org.junit.jupiter.api.Test;

/**
 * The first of a deadline and an ancestor's cancel decides a context's cause, whether or not
 * anyone looked at the context in between. Go's timer fires at the deadline, so a context whose
 * deadline passed reports {@code DeadlineExceeded} even if its parent is cancelled later; here
 * nothing fires, and until 2026-12-07 a reader that came after both adopted the ancestor's
 * cancel (found in a review). Each test leaves the timed context unread from its creation until
 * after the cancel.
 */
class ContextCauseOrderTest {

    private static final Duration SHORT = Duration.ofMillis(10);

    private static void waitPast(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis() * 20);
    }

    @Test
    void aDeadlineThatPassedBeforeTheParentsCancelStaysTheCause() throws InterruptedException {
        final Context root = Context.background().withCancel();
        final Context timed = root.withTimeout(SHORT);
        waitPast(SHORT);
        root.cancel();
        assertInstanceOf(TimeoutException.class, timed.cause(), "the deadline passed first");
        assertInstanceOf(CancellationException.class, root.cause());
    }

    @Test
    void aDescendantOfATimedContextReportsItsDeadlineToo() throws InterruptedException {
        final Context root = Context.background().withCancel();
        final Context timed = root.withTimeout(SHORT);
        final Context grandchild = timed.withCancel(); // inherits the deadline
        waitPast(SHORT);
        final IllegalStateException late = new IllegalStateException("shut down after the deadline");
        root.cancel(late);
        assertInstanceOf(TimeoutException.class, grandchild.cause(), "read first, before its timed parent");
        assertInstanceOf(TimeoutException.class, timed.cause());
        assertSame(late, root.cause());
    }

    @Test
    void aCancelBeforeTheDeadlineStaysTheCause() throws InterruptedException {
        final Context root = Context.background().withCancel();
        final Context timed = root.withTimeout(SHORT);
        final Context grandchild = timed.withCancel();
        final IllegalStateException early = new IllegalStateException("shut down before the deadline");
        root.cancel(early);
        waitPast(SHORT);
        assertSame(early, grandchild.cause(), "the cancel came first");
        assertSame(early, timed.cause());
    }

    @Test
    void aCancelOfTheContextItselfAfterItsDeadlineIsRefused() throws InterruptedException {
        final Context timed = Context.background().withTimeout(SHORT);
        final Context child = timed.withCancel();
        waitPast(SHORT);
        // the cancel settles the context first and finds the deadline passed
        assertFalse(timed.cancel(), "the deadline won");
        assertInstanceOf(TimeoutException.class, child.cause());
    }
}
