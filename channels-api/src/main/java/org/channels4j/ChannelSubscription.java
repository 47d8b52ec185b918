package org.channels4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Flow;

/**
 * One subscriber's subscription to a channel seen as a publisher: a virtual thread that receives
 * from the channel only while the subscriber has outstanding demand, and signals the subscriber.
 *
 * <h2>Protocol</h2>
 * {@link #deliver} runs on the subscription's own virtual thread and makes every call on the
 * subscriber, so signals are serial (rule 1.3) and {@code onSubscribe} comes first (rule 1.9).
 * {@link #request} and {@link #cancel} run on any thread: they record what they want
 * ({@link #demand}, {@link #rejectedRequest}, {@link #cancelled}) and then offer a token to
 * {@link #wakeUps}, a one-slot channel. The delivery thread takes a token before it reads the
 * recorded state, and waits for a token whenever there is nothing it may do. A token offer that
 * finds the slot full finds a token the delivery thread has not taken yet, so it will read the
 * new state after taking it: no wake-up is lost, and no caller ever blocks (rules 3.4, 3.5).
 *
 * <h2>Receiving only with demand</h2>
 * With no demand the thread waits on {@link #wakeUps} alone and takes nothing from the channel,
 * so an element is never received that could not be delivered; a parked virtual thread holds no
 * platform thread. With demand, it selects between the channel and {@link #wakeUps}, preferring
 * the wake-up so that a cancel is seen before the next element is taken. The select takes
 * exactly one of them, so an element is never taken and then dropped because of a cancel.
 *
 * <h2>Termination</h2>
 * The thread ends after a cancel (rule 3.12; it then drops the subscriber, rule 3.13), after
 * {@code onComplete} or {@code onError}, and after a subscriber method threw (rule 2.13: the
 * subscription counts as cancelled, and the throwable goes to the thread's uncaught exception
 * handler). A request of zero or fewer elements cancels and signals
 * {@code onError(IllegalArgumentException)} (rule 3.9).
 *
 * <p>A close is noticed when the thread looks at the channel: at once when it has demand, and,
 * when it has none, before it waits for demand. A channel closed while the thread is already
 * waiting for demand is signalled with the next {@code request}: the public channel API has no
 * way to wait for "closed" without also taking an element.
 *
 * @param <E> the type of the elements
 */
final class ChannelSubscription<E> implements Flow.Subscription {
    private static final VarHandle DEMAND;

    static {
        try {
            DEMAND = MethodHandles.lookup().findVarHandle(ChannelSubscription.class, "demand", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the select returns when it took a wake-up token rather than an element. */
    private static final Object WOKEN = new Object();

    /** What the select returns when the channel turned out closed and drained. */
    private record Closed(Throwable cause) {
    }

    private final ReceiveChannel<E> channel;
    private final Channel<Boolean> wakeUps = Channels.buffered(1);
    private final SelectClause<Object> wakeUp = wakeUps.onReceive(token -> WOKEN);
    private final SelectClause<Object> element;
    private Flow.Subscriber<? super E> subscriber;

    /** Requested and not yet delivered; {@code Long.MAX_VALUE} means unbounded (rule 3.17). */
    private volatile long demand;
    /** The first {@code request(n <= 0)}, as the error it will be signalled with (rule 3.9). */
    private volatile IllegalArgumentException rejectedRequest;
    /** Set by {@link #cancel} and by the delivery thread when it ends; never cleared. */
    private volatile boolean cancelled;

    ChannelSubscription(ReceiveChannel<E> channel, Flow.Subscriber<? super E> subscriber) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.element = channel.onReceiveOrClosed(e -> e, Closed::new);
    }

    @Override
    public void request(long n) {
        if (cancelled) {
            return;   // rule 3.6
        }
        if (n <= 0) {
            if (rejectedRequest == null) {
                rejectedRequest = new IllegalArgumentException(
                        "Reactive Streams rule 3.9: request(n) needs n > 0, was " + n);
            }
        } else {
            long current;
            long next;
            do {
                current = demand;
                next = current + n < 0 ? Long.MAX_VALUE : current + n;   // saturate (rule 3.17)
                // CAS: request may run on any thread, concurrently with the delivery thread's decrement.
            } while (!DEMAND.compareAndSet(this, current, next));
        }
        wakeUp();
    }

    @Override
    public void cancel() {
        cancelled = true;
        wakeUp();
    }

    /** The one-slot channel is never closed, so trySend only ever returns true or false. */
    private void wakeUp() {
        wakeUps.trySend(Boolean.TRUE);
    }

    /** The subscription's thread: signals the subscriber until cancel or a terminal signal. */
    void deliver() {
        try {
            subscriber.onSubscribe(this);
            deliverUntilDone();
        } catch (InterruptedException e) {
            // Only the subscriber's own code runs on this private thread, so only it can have
            // interrupted it: the stream cannot go on, which the subscriber learns as a failure.
            if (!cancelled) {
                subscriber.onError(e);
            }
        } finally {
            cancelled = true;
            subscriber = null;   // rule 3.13
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverUntilDone() throws InterruptedException {
        while (!cancelled) {
            final IllegalArgumentException rejected = rejectedRequest;
            if (rejected != null) {
                subscriber.onError(rejected);
                return;
            }
            final Object next;
            try {
                // With no demand only a closed, drained channel may be looked at: it has nothing to take.
                if (demand == 0 && !channel.isClosedForReceive()) {
                    wakeUps.receive();
                    continue;
                }
                next = Select.selectBiased(wakeUp, element);
            } catch (RuntimeException failed) {
                // The channel failed, not the subscriber: a channel channels4j did not make, say,
                // whose clause the select refuses. A publisher that fails signals it (rule 1.4);
                // left to the thread's handler, the subscriber would wait for ever.
                subscriber.onError(failed);
                return;
            }
            if (next == WOKEN) {
                continue;
            }
            if (next instanceof Closed closed) {
                if (closed.cause() == null) {
                    subscriber.onComplete();
                } else {
                    subscriber.onError(closed.cause());
                }
                return;
            }
            if (demand != Long.MAX_VALUE) {
                // getAndAdd: a concurrent request's CAS must not be overwritten.
                DEMAND.getAndAdd(this, -1L);
            }
            subscriber.onNext((E) next);
        }
    }
}
