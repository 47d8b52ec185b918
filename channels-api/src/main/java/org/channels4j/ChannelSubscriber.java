package org.channels4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The {@link Flow.Subscriber} inside {@link Channels#fromPublisher}: it puts each
 * {@code onNext} element into a bounded channel and asks the publisher for one more element
 * each time a receiver takes one.
 *
 * <h2>Demand</h2>
 * On subscription it requests {@code capacity}, the size of its buffer; afterwards it requests
 * one element per element taken. Requested minus taken is never more than the buffer's
 * capacity, so a publisher that keeps rule 1.1 always finds a free slot: {@code onNext} uses
 * {@code trySend}, which never blocks, and never has to drop. A {@code trySend} that fails on an
 * open buffer therefore proves the publisher sent more than it was asked for; a {@code null}
 * element breaks rule 2.13. Either closes the channel with an {@link IllegalStateException}
 * that says which rule, and cancels the subscription. A {@code request} or {@code cancel} that
 * throws (rules 3.15, 3.16) closes the channel the same way, with the throwable as the cause,
 * and the subscription is not called again. {@code onSubscribe(null)} and {@code onError(null)}
 * throw the {@link NullPointerException} rule 2.13 asks for and close the channel with an
 * {@link IllegalStateException} first, so that no receiver waits for a stream that has ended
 * (found in review, 2026-12-06: they threw and left the channel open).
 *
 * <h2>Serial calls on the subscription (rule 2.7)</h2>
 * Many receivers on many threads take elements at once, but the subscription's
 * {@code request} and {@code cancel} must be called serially. Callers record what they want
 * ({@link #pendingRequests} plus one, or {@link #cancelWanted}) and then enter
 * {@link #forwardToSubscription}; a counter of missed entries ({@link #entries}, the
 * "work in progress" counter of the reactive libraries) lets only one thread at a time call the
 * subscription, and that thread loops until no entry was missed, so nothing recorded is left
 * behind. No thread ever waits for another.
 *
 * <h2>Terminal signals</h2>
 * {@code onComplete} closes the channel; {@code onError(t)} closes it with cause {@code t}.
 * Neither calls the subscription (rule 2.3), and from then on the subscription counts as
 * cancelled (rule 2.4): receivers taking what is still buffered request nothing, and a
 * {@code cancel} of the channel does not call it. Signals after the channel was closed, including
 * {@code onNext} after a cancel (rule 2.8), are dropped: a closed channel rejects the send.
 *
 * <h2>Undelivered elements</h2>
 * An {@code onNext} element that does not enter the buffer (the buffer was closed, or full,
 * which breaks rule 1.1) goes to the {@code onUndelivered} handler, if there is one. Whether
 * it entered is decided by the one {@code trySend}: an element accepted by the buffer is
 * received, or handed to the same handler by the buffer's cancel, and never both (a
 * {@code trySend} that throws or returns {@code false} has no effect). The handler's exception
 * goes to the thread's uncaught exception handler: {@code onNext} must not throw (rule 2.13).
 *
 * @param <E> the type of the elements
 */
final class ChannelSubscriber<E> implements Flow.Subscriber<E> {
    private static final VarHandle SUBSCRIPTION;
    private static final VarHandle PENDING_REQUESTS;
    private static final VarHandle ENTRIES;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBSCRIPTION = lookup.findVarHandle(ChannelSubscriber.class, "subscription", Flow.Subscription.class);
            PENDING_REQUESTS = lookup.findVarHandle(ChannelSubscriber.class, "pendingRequests", long.class);
            ENTRIES = lookup.findVarHandle(ChannelSubscriber.class, "entries", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel<E> buffer;
    private final int capacity;
    /** Takes the elements of {@code onNext} that do not enter the buffer; null to drop them. */
    private final Consumer<? super E> onUndelivered;

    /** The first subscription; set once, by CAS, in {@link #onSubscribe}. */
    private volatile Flow.Subscription subscription;
    /** Elements requested by receivers and not yet passed to {@code request}. */
    private volatile long pendingRequests;
    /** Set once, never cleared: the subscription is to be (or has been) cancelled. */
    private volatile boolean cancelWanted;
    /** Threads that entered {@link #forwardToSubscription} and whose work is not yet done. */
    private volatile int entries;
    /** Written and read only by the thread holding {@link #entries}: cancel was called. */
    private boolean cancelled;
    /**
     * Set once by {@code onComplete} or {@code onError}: the subscription counts as cancelled
     * (rule 2.4) and is not called again. A call already under way may still finish.
     */
    private volatile boolean terminated;

    ChannelSubscriber(Channel<E> buffer, int capacity, Consumer<? super E> onUndelivered) {
        this.buffer = buffer;
        this.capacity = capacity;
        this.onUndelivered = onUndelivered;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (s == null) {
            // closing keeps receivers from waiting for ever; the cancel reaches a subscription
            // already accepted, or one accepted later, which could only feed a closed channel
            breakSubscription("Reactive Streams rule 2.13: the publisher signalled onSubscribe(null)");
            throw new NullPointerException("Reactive Streams rule 2.13: onSubscribe(null)");
        }
        // CAS: exactly one subscription is ever accepted, however many onSubscribe calls race.
        if (!SUBSCRIPTION.compareAndSet(this, null, s)) {
            s.cancel();   // rule 2.5: a second subscription is cancelled
            return;
        }
        PENDING_REQUESTS.getAndAdd(this, (long) capacity);
        forwardToSubscription();
    }

    @Override
    public void onNext(E element) {
        if (element == null) {
            breakSubscription("Reactive Streams rule 2.13: the publisher signalled onNext(null)");
            throw new NullPointerException("Reactive Streams rule 2.13: onNext(null)");
        }
        final boolean accepted;
        try {
            accepted = buffer.trySend(element);
        } catch (ChannelClosedException alreadyClosed) {
            undelivered(element);   // rule 2.8: after completion, failure or cancel, late elements are dropped
            return;
        }
        if (!accepted) {
            breakSubscription("Reactive Streams rule 1.1: the publisher signalled more onNext than "
                    + "requested (the " + capacity + "-element buffer was full)");
            undelivered(element);
        }
    }

    /** Hands an element that did not enter the buffer to the handler, which must not make onNext throw. */
    private void undelivered(E element) {
        if (onUndelivered == null) {
            return;
        }
        try {
            onUndelivered.accept(element);
        } catch (Throwable thrown) {
            final Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (failure == null) {
            // the stream is over all the same (rule 1.7): close, or receivers wait for ever
            terminated = true;
            buffer.close(new IllegalStateException("Reactive Streams rule 2.13: the publisher signalled onError(null)"));
            throw new NullPointerException("Reactive Streams rule 2.13: onError(null)");
        }
        terminated = true;
        buffer.close(failure);
    }

    @Override
    public void onComplete() {
        terminated = true;
        buffer.close();
    }

    /**
     * Rule 2.6: a subscription whose request threw is no longer valid, so it is cancelled; a
     * throw from that cancel is kept with the request's failure.
     */
    private static void cancelBroken(Flow.Subscription s, Throwable requestFailure) {
        try {
            s.cancel();
        } catch (Throwable alsoThrown) {
            requestFailure.addSuppressed(alsoThrown);
        }
    }

    /** A receiver took an element: ask the publisher for one more. */
    void requestOne() {
        PENDING_REQUESTS.getAndAdd(this, 1L);
        forwardToSubscription();
    }

    /**
     * Cancels the subscription, now if it has arrived, or as soon as it arrives. Idempotent;
     * the channel is left as it is (the caller decides whether to close it).
     */
    void cancelSubscription() {
        cancelWanted = true;
        forwardToSubscription();
    }

    private void breakSubscription(String rule) {
        buffer.close(new IllegalStateException(rule));
        cancelSubscription();
    }

    /**
     * Passes pending requests and a wanted cancel to the subscription, from one thread at a
     * time. Whoever raises {@link #entries} from zero does the work, and keeps looping while
     * others entered meanwhile; the others return at once.
     */
    private void forwardToSubscription() {
        // getAndAdd: the entry count is both the lock-free mutual exclusion and the missed-work count.
        if ((int) ENTRIES.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        do {
            final Flow.Subscription s = subscription;
            if (s != null && !cancelled && !terminated) {
                boolean cancelling = false;
                try {
                    if (cancelWanted) {
                        cancelled = true;
                        cancelling = true;
                        s.cancel();
                    } else {
                        // getAndSet: takes exactly the requests recorded so far; later ones stay pending.
                        final long n = (long) PENDING_REQUESTS.getAndSet(this, 0L);
                        if (n > 0) {
                            s.request(n);
                        }
                    }
                } catch (Throwable thrown) {
                    // Rule 3.15/3.16 forbid this. Not rethrown: the caller is a receiver that
                    // has just taken an element, and the loop must finish to keep entries exact.
                    // A publisher that signals inside request (rule 3.10) can also make one of
                    // our own rule 2.13 throws come back out of request: the first close fixes the
                    // cause, and either way the subscription is no longer valid.
                    cancelled = true;
                    final IllegalStateException broken = new IllegalStateException(
                            "Reactive Streams rules 3.15/3.16: the subscription's request or cancel threw", thrown);
                    buffer.close(broken);
                    if (!cancelling) {
                        cancelBroken(s, broken);
                    }
                }
            }
            missed = (int) ENTRIES.getAndAdd(this, -missed) - missed;
        } while (missed != 0);
    }
}
