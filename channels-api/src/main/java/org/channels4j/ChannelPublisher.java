package org.channels4j;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A channel seen as a {@link Flow.Publisher} ({@link Channels#asPublisher}). Each
 * {@link #subscribe} starts one {@link ChannelSubscription}; subscriptions compete for the
 * channel's elements as receivers do.
 *
 * @param <E> the type of the elements
 */
final class ChannelPublisher<E> implements Flow.Publisher<E> {
    private final ReceiveChannel<E> channel;

    ChannelPublisher(ReceiveChannel<E> channel) {
        this.channel = channel;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super E> subscriber) {
        Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscribe(null)");
        final ChannelSubscription<E> subscription = new ChannelSubscription<>(channel, subscriber);
        Thread.ofVirtual().name("channels4j-publisher").start(subscription::deliver);
    }

    @Override
    public String toString() {
        return "asPublisher(" + channel + ")";
    }
}
