package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.SelectClause;

/**
 * What every channel kind shares: argument checks, the close cause, and the send side built on
 * send primitives the way {@link AbstractReceiveChannel} builds the receive side.
 *
 * <p>Close happens in two steps: the first close to CAS {@code closeState} from {@code null}
 * wins and fixes the cause, then every close call (winner or not) makes the channel's own
 * close take effect ({@link #closeChannel()}, idempotent) before returning, so that once any
 * {@code close()} has returned, every send called after it fails. (A send called before the
 * close may still complete after it returned: on an unbuffered channel, one that read the
 * channel open and then met a receiver that registered after the close and had not yet seen it
 * in its re-check; both are linearized before the close, {@link UnbufferedChannel}'s "Close".) {@code cancel} fixes the cause the same way and
 * then makes its own, stronger step take effect ({@link #cancelChannel}).
 *
 * @param <E> the element type
 */
abstract class AbstractChannel<E> extends AbstractReceiveChannel<E> implements Channel<E> {
    private static final Object NO_CAUSE = new Marker("NO_CAUSE");
    private static final VarHandle CLOSE_STATE = VarHandles.field(MethodHandles.lookup(), "closeState", Object.class);

    /** null while open; then the close cause, or {@link #NO_CAUSE}, wrapped in a {@link Cancel} if a cancel came first. */
    private volatile Object closeState;

    /** The close state of a channel that a cancel closed: a close that comes later helps it discard. */
    private record Cancel(Object cause) {
    }

    AbstractChannel() {
        super(true);
    }

    private Object lvCloseState() {
        return closeState;
    }

    private boolean casCloseState(Object expect, Object update) {
        return CLOSE_STATE.compareAndSet(this, expect, update);
    }

    /** Offers an element now: {@link Clause#SENT}, {@link Clause#NOT_READY} or {@link Clause#CLOSED}. */
    abstract Object sendAttempt(Object e);

    /** Whether {@link #sendAttempt} would likely not return NOT_READY. */
    abstract boolean sendReady(WaitNode own);

    /** Registers a sending node, which offers its {@link WaitNode#item}. */
    abstract void registerSender(WaitNode node);

    /** A number that grows whenever a send may have become possible; see {@link Clause#version()}. */
    abstract long sendVersion();

    /** Makes the close take effect and wakes every waiter. Idempotent. */
    abstract void closeChannel();

    /**
     * Makes a cancel take effect: stops receivers from taking buffered elements
     * ({@link #freezeForCancel()}), closes, then hands every buffered element to the handler.
     * A channel that buffers nothing (unbuffered) has nothing to discard, so by default
     * cancelling is closing; buffered channels override this.
     *
     * @param mayTakeElements false if another cancel closed the channel: that one hands the
     *        elements over (so, in any order of these calls, the cancel that closed the channel
     *        is the one that discarded them); true if this call closed it, or a plain close did
     *        and the cancels race for the elements
     */
    void cancelChannel(boolean mayTakeElements) {
        closeChannel();
    }

    /**
     * The first step of a cancel: from here on no receiver takes a buffered element. A close
     * that loses to a cancel calls it too before it returns, so that once any close or cancel
     * has returned, the cancel has taken effect. Idempotent; channels without a buffer have
     * nothing to freeze.
     */
    void freezeForCancel() {
    }

    /** Whether {@link #close} has been called: the close cause is fixed. */
    final boolean closeStarted() {
        return lvCloseState() != null;
    }

    @Override
    final Throwable closeCause() {
        final Object state = lvCloseState() instanceof Cancel cancel ? cancel.cause() : lvCloseState();
        return state instanceof Throwable cause ? cause : null;
    }

    ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on a closed channel", closeCause());
    }

    private static Object requireElement(Object e) {
        return Objects.requireNonNull(e, "channel elements must not be null");
    }

    @Override
    public void send(E e) throws InterruptedException {
        Object r = sendAttempt(requireElement(e));
        if (r == Clause.NOT_READY) {
            r = Selection.awaitSend(this, e, false, 0L);
        }
        if (r == Clause.CLOSED) {
            throw closedForSend();
        }
    }

    @Override
    public boolean trySend(E e) {
        final Object r = sendAttempt(requireElement(e));
        if (r == Clause.CLOSED) {
            throw closedForSend();
        }
        return r == Clause.SENT;
    }

    @Override
    public boolean trySend(E e, Duration timeout) throws InterruptedException {
        requireElement(e);
        final long nanos = Durations.toNanos(timeout, "timeout");
        if (trySend(e)) {
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        final Object r = nanos == Durations.FOREVER
                ? Selection.awaitSend(this, e, false, 0L)
                : Selection.awaitSend(this, e, true, System.nanoTime() + nanos);
        if (r == Clause.CLOSED) {
            throw closedForSend();
        }
        return r != Selection.TIMED_OUT;
    }

    @Override
    public <R> SelectClause<R> onSend(E e, Supplier<? extends R> onSent) {
        requireElement(e);
        Objects.requireNonNull(onSent, "onSent");
        return new SendClause<>(this, e, onSent);
    }

    @Override
    public boolean close() {
        return closeWith(NO_CAUSE);
    }

    @Override
    public boolean close(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause; use close() to close without one"));
    }

    @Override
    public boolean cancel() {
        return cancelWith(NO_CAUSE);
    }

    @Override
    public boolean cancel(Throwable cause) {
        return cancelWith(Objects.requireNonNull(cause, "cause; use cancel() to cancel without one"));
    }

    private boolean cancelWith(Object state) {
        // the first close or cancel fixes the cause
        final boolean won = casCloseState(null, new Cancel(state));
        cancelChannel(won || !(lvCloseState() instanceof Cancel));
        return won;
    }

    private boolean closeWith(Object state) {
        final boolean won = casCloseState(null, state);
        if (!won && lvCloseState() instanceof Cancel) {
            // A cancel closed it first. Our false says so, so its discard must be in effect
            // before we return: no receive may take an element after this close returned.
            freezeForCancel();
        }
        closeChannel();
        return won;
    }
}
