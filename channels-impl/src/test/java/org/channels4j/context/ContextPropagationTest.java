package org.channels4j.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.channels4j.ChannelClosedException;
import org.channels4j.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15, "Propagation": cancellation flows down the tree of contexts with one cause, never
 * up; deadlines are inherited and only ever shortened; the cause's type says what ended the
 * context; the first of cancel and deadline wins.
 */
@Timeout(60)
class ContextPropagationTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void backgroundIsNeverDoneAndCannotBeCancelled() {
        final Context background = Context.background();
        assertFalse(background.cancel());
        assertFalse(background.cancel(new IllegalStateException("ignored")));
        background.close();
        assertFalse(background.isDone());
        assertNull(background.cause());
        assertEquals(Optional.empty(), background.deadline());
        assertNull(background.done().tryReceive(), "background's done channel must never be ready or closed");
        assertSame(background, Context.background());
    }

    @Test
    void cancelReachesGrandchildrenWithTheSameCause() {
        final Context parent = Context.background().withCancel();
        final Context child = parent.withCancel();
        final Context grandchild = child.withTimeout(LONG);
        final Context sibling = parent.withDeadline(Instant.now().plus(LONG));
        final IllegalStateException cause = new IllegalStateException("stop");

        assertTrue(parent.cancel(cause));

        for (Context c : List.of(parent, child, grandchild, sibling)) {
            assertTrue(c.isDone(), c + " must be done once an ancestor is cancelled");
            assertSame(cause, c.cause(), "every descendant gets the ancestor's cause object");
            final ChannelClosedException closed = assertThrows(ChannelClosedException.class, () -> c.done().receive());
            assertSame(cause, closed.getCause(), "done() is closed with cause() as its cause");
        }
        assertEquals(0, ContextRegistrations.registeredChildren(parent));
        assertEquals(0, ContextRegistrations.registeredChildren(child));
    }

    @Test
    void cancellingAChildLeavesItsParentAndSiblingsLive() {
        final Context parent = Context.background().withCancel();
        final Context child = parent.withCancel();
        final Context sibling = parent.withCancel();

        assertTrue(child.cancel());

        assertFalse(parent.isDone());
        assertFalse(sibling.isDone());
    }

    @Test
    void cancelWithoutCauseGivesCancellationException() {
        final Context ctx = Context.background().withCancel();
        assertTrue(ctx.cancel());
        assertInstanceOf(CancellationException.class, ctx.cause());
    }

    @Test
    void onlyTheFirstCancelReturnsTrueAndFixesTheCause() {
        final Context ctx = Context.background().withCancel();
        final RuntimeException first = new RuntimeException("first");
        assertTrue(ctx.cancel(first));
        assertFalse(ctx.cancel(new RuntimeException("second")));
        assertFalse(ctx.cancel());
        ctx.close();
        assertSame(first, ctx.cause());
    }

    @Test
    void deadlinePassingGivesTimeoutExceptionThatStays() throws InterruptedException {
        final Context ctx = Context.background().withTimeout(Duration.ofMillis(20));
        final ChannelClosedException closed = assertThrows(ChannelClosedException.class, () -> ctx.done().receive());
        assertInstanceOf(TimeoutException.class, closed.getCause());
        assertTrue(ctx.isDone());
        assertSame(closed.getCause(), ctx.cause(), "the cause is fixed once, then stable");
        assertFalse(ctx.cancel(new RuntimeException("too late")), "the deadline came first");
        assertSame(closed.getCause(), ctx.cause());
    }

    @Test
    void cancelBeforeTheDeadlineWinsOverIt() throws InterruptedException {
        final Context ctx = Context.background().withTimeout(Duration.ofMillis(20));
        final RuntimeException cause = new RuntimeException("cancelled first");
        assertTrue(ctx.cancel(cause));
        Thread.sleep(40);
        assertSame(cause, ctx.cause(), "a deadline that passes after a cancel changes nothing");
    }

    @Test
    void deadlineInThePastMakesTheChildDoneAtCreation() {
        final Context parent = Context.background().withCancel();
        final Context past = parent.withDeadline(Instant.now().minusSeconds(1));
        final Context zero = parent.withTimeout(Duration.ZERO);
        assertInstanceOf(TimeoutException.class, past.cause());
        assertInstanceOf(TimeoutException.class, zero.cause());
        assertFalse(parent.isDone(), "a child's deadline never reaches its parent");
        assertEquals(0, ContextRegistrations.registeredChildren(parent), "a child done at creation is not registered");
    }

    @Test
    void childDeadlineIsNeverLaterThanItsParents() {
        final Context parent = Context.background().withTimeout(Duration.ofMinutes(1));
        final Instant parentDeadline = parent.deadline().orElseThrow();

        assertEquals(parentDeadline, parent.withTimeout(LONG).deadline().orElseThrow());
        assertEquals(parentDeadline, parent.withDeadline(Instant.now().plus(LONG)).deadline().orElseThrow());
        assertEquals(parentDeadline, parent.withCancel().deadline().orElseThrow());
        assertEquals(parentDeadline, parent.withTimeout(Duration.ofSeconds(Long.MAX_VALUE)).deadline().orElseThrow());
        final Instant sooner = parent.withTimeout(Duration.ofSeconds(1)).deadline().orElseThrow();
        assertTrue(sooner.isBefore(parentDeadline), "a shorter timeout gives an earlier deadline");
    }

    @Test
    void childWithALongerTimeoutIsDoneWhenItsParentsDeadlinePasses() throws InterruptedException {
        final Context parent = Context.background().withTimeout(Duration.ofMillis(30));
        final Context child = parent.withTimeout(LONG);
        final ChannelClosedException closed = assertThrows(ChannelClosedException.class, () -> child.done().receive());
        assertInstanceOf(TimeoutException.class, closed.getCause());
        assertTrue(parent.isDone(), "the child's deadline was its parent's, so the parent is past it too");
    }

    @Test
    void childOfADoneParentIsCreatedDone() {
        final Context parent = Context.background().withCancel();
        final RuntimeException cause = new RuntimeException("gone");
        parent.cancel(cause);
        assertSame(cause, parent.withCancel().cause());
        assertSame(cause, parent.withTimeout(LONG).cause());
        assertEquals(0, ContextRegistrations.registeredChildren(parent));
    }

    @Test
    void timeoutBeyondTheClockRangeMeansNoDeadline() {
        final Context ctx = Context.background().withTimeout(Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals(Optional.empty(), ctx.deadline());
        assertFalse(ctx.isDone());
        final Context farFuture = Context.background().withDeadline(Instant.MAX);
        assertEquals(Optional.of(Instant.MAX), farFuture.deadline());
        assertFalse(farFuture.isDone());
        assertTrue(farFuture.withDeadline(Instant.MIN).isDone(), "the earliest of the extremes wins, without overflow");
    }

    /** The cancel walks descendants with a work list: a deep chain must not overflow the stack. */
    @Test
    void cancellingADeepChainReachesItsEnd() {
        final Context root = Context.background().withCancel();
        final List<Context> chain = new ArrayList<>();
        Context c = root;
        for (int i = 0; i < 10_000; i++) {
            c = c.withCancel();
            chain.add(c);
        }
        root.cancel();
        assertTrue(chain.getLast().isDone());
        assertSame(root.cause(), chain.getLast().cause());
    }

    @Test
    void badArgumentsFailAtOnceSayingWhatWasWrong() {
        final Context ctx = Context.background().withCancel();
        assertThrows(NullPointerException.class, () -> ctx.withTimeout(null));
        assertThrows(NullPointerException.class, () -> ctx.withDeadline(null));
        assertThrows(NullPointerException.class, () -> ctx.cancel(null));
        final IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> ctx.withTimeout(Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("timeout"), negative.getMessage());
        assertFalse(ctx.isDone());
    }
}
