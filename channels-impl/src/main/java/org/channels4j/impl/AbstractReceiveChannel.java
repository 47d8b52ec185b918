package org.channels4j.impl;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.channels4j.ChannelClosedException;
import org.channels4j.ChannelInterruptedException;
import org.channels4j.ReceiveChannel;
import org.channels4j.SelectClause;

/**
 * The receive side of every channel, timers included, built on four primitives each kind
 * implements: a non-blocking attempt, a readiness re-check, registration of a waiter, and the
 * clean-up of dead registrations. Blocking goes through {@link Selection}, so plain receives
 * and select clauses share one wait protocol.
 *
 * @param <E> the element type
 */
abstract class AbstractReceiveChannel<E> implements ReceiveChannel<E> {
    /** The raw receive clause: its result is the element; a closed channel throws. */
    final ReceiveClause<E, E> receiveClause = new ReceiveClause<>(this, null, null);
    /** Null for channels whose receivers wait for a time, not for another thread: they never spin. */
    final SpinBudget spinBudget;

    AbstractReceiveChannel(boolean spins) {
        this.spinBudget = spins ? new SpinBudget() : null;
    }

    /**
     * {@link #cancel()} once the cause is checked: the argument is checked first on every
     * channel, also on those whose {@code cancel()} refuses (timers, never, a context's done).
     * A channel that records the cause overrides this ({@code AbstractChannel}).
     */
    @Override
    public boolean cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        return cancel();
    }

    /**
     * Takes an element now if there is one: the element, {@link Clause#NOT_READY}, or
     * {@link Clause#CLOSED} when closed and drained. Never blocks.
     */
    abstract Object receiveAttempt();

    /** Whether {@link #receiveAttempt} would likely not return NOT_READY; see {@link Clause#isReady}. */
    abstract boolean receiveReady(WaitNode own);

    /**
     * Registers a receiving node, so that a thread that makes a receive possible finds it; does
     * nothing on channels whose receivers wait for a deadline only.
     */
    abstract void registerReceiver(WaitNode node);

    /**
     * The node's waiter finished; let its queue drop it. A plain operation's node completed by
     * an unbuffered match, or served on a buffered channel, is not passed here: its matcher or
     * server found it at the front and dropped it (WaitQueue.giveFirst, BufferChannel.serveReceiver).
     */
    void abandon(WaitNode node) {
    }

    /** Passes a wake-up that {@code node}'s waiter did not use to another waiter. */
    void forwardWake(WaitNode node) {
    }

    /**
     * A number that grows whenever a receive on this channel may have become possible; see
     * {@link Clause#version()}. Timer channels become ready with time, not with a version, but
     * count what they lose to a receiver ({@link AfterChannel}, {@link TickChannel}).
     */
    long receiveVersion() {
        return 0;
    }

    /**
     * Whether a receiver that found nothing now first polls {@link #receiveReady} for a while
     * before it registers a node ({@link Selection}): true where that check reads the buffer's
     * indices only, so that a receiver that gets its element while polling costs the sender
     * only the look for a waiter it does not find, not the serving of one.
     */
    boolean pollsBeforeRegistering() {
        return false;
    }

    /**
     * Whether a plain send ({@code sending}) or receive that found no partner, and whose
     * thread's last wait a partner ended ({@link ThreadRecord#takeLate}), first polls for a
     * partner before it registers ({@link Selection}): on unbuffered channels, when no waiter
     * of its own kind is registered, so that it takes no partner from one that came first.
     */
    boolean pollsWhenLate(boolean sending) {
        return false;
    }

    /** Whether receivers wait for a time rather than for another thread. */
    boolean receiveTimed() {
        return false;
    }

    /** When {@link #receiveTimed()} receivers should next look, in {@link System#nanoTime()} terms. */
    long receiveDeadline() {
        return 0;
    }

    /** The cause given to close, or null. */
    abstract Throwable closeCause();

    ChannelClosedException closedForReceive() {
        return new ChannelClosedException("receive from a closed and drained channel", closeCause());
    }

    @Override
    @SuppressWarnings("unchecked")
    public E receive() throws InterruptedException {
        Object r = receiveAttempt();
        if (r == Clause.NOT_READY) {
            r = Selection.awaitReceive(this, false, 0L);
        }
        if (r == Clause.CLOSED) {
            throw closedForReceive();
        }
        return (E) r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E tryReceive() {
        final Object r = receiveAttempt();
        if (r == Clause.NOT_READY) {
            return null;
        }
        if (r == Clause.CLOSED) {
            throw closedForReceive();
        }
        return (E) r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E tryReceive(Duration timeout) throws InterruptedException {
        final long nanos = Durations.toNanos(timeout, "timeout");
        final E e = tryReceive();
        if (e != null || nanos == 0) {
            return e;
        }
        final Object r = nanos == Durations.FOREVER
                ? Selection.awaitReceive(this, false, 0L)
                : Selection.awaitReceive(this, true, System.nanoTime() + nanos);
        if (r == Clause.CLOSED) {
            throw closedForReceive();
        }
        return r == Selection.TIMED_OUT ? null : (E) r;
    }

    @Override
    public SelectClause<E> onReceive() {
        return receiveClause;
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super E, ? extends R> onReceived) {
        Objects.requireNonNull(onReceived, "onReceived");
        return new ReceiveClause<>(this, onReceived, null);
    }

    @Override
    public <R> SelectClause<R> onReceiveOrClosed(Function<? super E, ? extends R> onReceived,
                                                 Function<Throwable, ? extends R> onClosed) {
        Objects.requireNonNull(onReceived, "onReceived");
        Objects.requireNonNull(onClosed, "onClosed");
        return new ReceiveClause<>(this, onReceived, onClosed);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Decision: a plain close ends the iteration normally, as Go's {@code range} does; a close
     * with a cause is a failure the consumer must see, so the last {@code hasNext()} throws.
     */
    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private E next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    next = receive();
                    return true;
                } catch (ChannelClosedException closed) {
                    if (closed.getCause() != null) {
                        throw closed;
                    }
                    return false;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt(); // keep the status set, as documented
                    throw new ChannelInterruptedException(interrupted);
                }
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel is closed and drained");
                }
                final E e = next;
                next = null;
                return e;
            }
        };
    }
}
