package org.channels4j;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A {@link Flow.Publisher} seen as a channel ({@link Channels#fromPublisher}): a receive-only
 * view of a bounded buffer that a {@link ChannelSubscriber} fills, and that asks the publisher
 * for one more element each time any receive path takes one.
 *
 * <p>Cancelling: {@link ChannelSubscriber#cancelSubscription()} cancels the subscription (now,
 * or when it arrives); closing {@link #source} then ends the receivers. {@link #cancel()} does
 * both, and discards what the buffer holds: to the handler of
 * {@link Channels#fromPublisher(Flow.Publisher, int, Consumer)}, which is also the buffer's
 * {@code onUndelivered} handler, so one cancel hands each buffered element over once.
 *
 * @param <E> the type of the elements
 */
final class PublisherChannel<E> extends ForwardingReceiveChannel<E> {
    private final ChannelSubscriber<E> subscriber;
    private final int capacity;

    /**
     * Subscribes at once; the publisher may call {@code onSubscribe} now or later, on any thread.
     * {@code onUndelivered} may be null: then undelivered elements are dropped.
     */
    PublisherChannel(Flow.Publisher<? extends E> publisher, int capacity, Consumer<? super E> onUndelivered) {
        super(onUndelivered == null
                ? Channels.buffered(capacity)
                : Channels.<E>builder().capacity(capacity).onUndelivered(onUndelivered).build());
        this.capacity = capacity;
        this.subscriber = new ChannelSubscriber<>(source, capacity, onUndelivered);
        publisher.subscribe(subscriber);
    }

    @Override
    void taken() {
        subscriber.requestOne();
    }

    /** Cancels the subscription first, so that the publisher stops, then the buffer. */
    @Override
    public boolean cancel() {
        subscriber.cancelSubscription();
        return super.cancel();
    }

    @Override
    public boolean cancel(Throwable cause) {
        // checked first, as every channel's cancel does: a null cause must change nothing,
        // and the subscription, once cancelled, could not be taken back
        Objects.requireNonNull(cause, "cause; use cancel() to cancel without one");
        subscriber.cancelSubscription();
        return super.cancel(cause);
    }

    @Override
    public String toString() {
        return "fromPublisher(" + capacity + ")"; // the factory call; no state. A recorded wait names the buffer, buffered(capacity)
    }
}
