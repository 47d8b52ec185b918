package org.channels4j.impl;

import java.util.function.Function;

/**
 * Receives from a channel. With no functions it is the raw clause behind plain receives and
 * {@code onReceive()}: its result is the element, and a closed channel throws.
 */
final class ReceiveClause<E, R> extends Clause<R> {
    private final AbstractReceiveChannel<E> channel;
    private final Function<? super E, ? extends R> onReceived;
    private final Function<Throwable, ? extends R> onClosed;

    ReceiveClause(AbstractReceiveChannel<E> channel, Function<? super E, ? extends R> onReceived,
                  Function<Throwable, ? extends R> onClosed) {
        this.channel = channel;
        this.onReceived = onReceived;
        this.onClosed = onClosed;
    }

    @Override
    Object attempt(long start) {
        return channel.receiveAttempt();
    }

    @Override
    boolean isReady(WaitNode own, long start) {
        return channel.receiveReady(own);
    }

    @Override
    long version() {
        return channel.receiveVersion();
    }

    @Override
    WaitNode register(Waiter owner, boolean selecting, boolean alone, int index) {
        final WaitNode node = WaitNode.forSelect(owner, selecting, alone, index, false, null);
        channel.registerReceiver(node);
        return node;
    }

    @Override
    void abandon(WaitNode node) {
        channel.abandon(node);
    }

    @Override
    void forwardWake(WaitNode node) {
        channel.forwardWake(node);
    }

    @Override
    boolean timed() {
        return channel.receiveTimed();
    }

    @Override
    long deadline(long start) {
        return channel.receiveDeadline();
    }

    @Override
    SpinBudget spinBudget() {
        return channel.spinBudget;
    }

    @Override
    String waitedOn() {
        return channel.toString();
    }

    @Override
    Object matched(Match match) {
        return match.item();
    }

    @Override
    @SuppressWarnings("unchecked")
    R finish(Object token) {
        if (token == CLOSED) {
            if (onClosed != null) {
                return onClosed.apply(channel.closeCause());
            }
            throw channel.closedForReceive();
        }
        return onReceived == null ? (R) token : onReceived.apply((E) token);
    }
}
