package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code Channels.after}: one {@link Instant} once the delay has passed, then nothing, ever.
 * No thread and no timer task: a receiver parks until the deadline and then races other
 * receivers for the one value with a CAS. Its value is the instant the timer was due. So
 * blocked receivers are not served in arrival order (the contract's FIFO rule), and a poller can
 * take the value before a parked receiver wakes: a decision, documented on
 * {@code Channels.after}; serving in order would need someone to act at the deadline.
 */
final class AfterChannel extends AbstractReceiveChannel<Instant> {
    private static final VarHandle FIRED = VarHandles.field(MethodHandles.lookup(), "fired", boolean.class);

    private final long delayNanos;
    private final long deadline;
    private final Instant due;
    private volatile boolean fired;

    AfterChannel(long delayNanos) {
        super(false);
        this.delayNanos = delayNanos;
        this.deadline = System.nanoTime() + delayNanos;
        this.due = Instant.now().plusNanos(delayNanos);
    }

    private boolean lvFired() {
        return fired;
    }

    private boolean casFired(boolean expect, boolean update) {
        return FIRED.compareAndSet(this, expect, update);
    }

    @Override
    Object receiveAttempt() {
        if (receiveReady(null) && casFired(false, true)) {
            return due;
        }
        return Clause.NOT_READY;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return !lvFired() && System.nanoTime() - deadline >= 0;
    }

    @Override
    void registerReceiver(WaitNode node) {
        // receivers wait for the deadline, not for another thread: nobody needs to find them
    }

    @Override
    boolean receiveTimed() {
        return !lvFired(); // once fired, receivers wait forever
    }

    /**
     * 1 once the value is taken, else 0. Becoming due needs no version (a clause that becomes
     * ready while a select scans does not make {@code orElse} wrong), but being taken does: a
     * select with {@code orElse} that saw this clause ready-to-be, and another timer clause
     * not ready, must not conclude that nothing was ready at one instant if in between one
     * was taken ({@code Selection.tryNowOrElse}; {@code SelectOrElseTimerTest}).
     */
    @Override
    long receiveVersion() {
        return lvFired() ? 1 : 0;
    }

    @Override
    long receiveDeadline() {
        return deadline;
    }

    @Override
    Throwable closeCause() {
        return null;
    }

    /**
     * Decision: unsupported. A timer channel belongs to no sender and holds no element, and it
     * is never closed; to stop listening, stop selecting on it.
     */
    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException("the channel of Channels.after cannot be cancelled: it holds no element and is never closed");
    }

    @Override
    public boolean isClosedForReceive() {
        return false;
    }

    /** The factory call, such as {@code after(PT1S)}; also the ChannelWait event's name for it. */
    @Override
    public String toString() {
        return "after(" + Duration.ofNanos(delayNanos) + ")";
    }
}
