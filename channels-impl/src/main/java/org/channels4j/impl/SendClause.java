package org.channels4j.impl;

import java.util.function.Supplier;

/**
 * Sends one element on a channel. With no supplier it is the clause behind a plain blocking
 * send, and its result is the {@link #SENT} token.
 */
final class SendClause<E, R> extends Clause<R> {
    private final AbstractChannel<E> channel;
    private final E element;
    private final Supplier<? extends R> onSent;

    SendClause(AbstractChannel<E> channel, E element, Supplier<? extends R> onSent) {
        this.channel = channel;
        this.element = element;
        this.onSent = onSent;
    }

    @Override
    Object attempt(long start) {
        return channel.sendAttempt(element);
    }

    @Override
    boolean isReady(WaitNode own, long start) {
        return channel.sendReady(own);
    }

    @Override
    long version() {
        return channel.sendVersion();
    }

    @Override
    WaitNode register(Waiter owner, boolean selecting, boolean alone, int index) {
        final WaitNode node = WaitNode.forSelect(owner, selecting, alone, index, true, element);
        channel.registerSender(node);
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
    SpinBudget spinBudget() {
        return channel.spinBudget;
    }

    @Override
    String waitedOn() {
        return channel.toString();
    }

    @Override
    Object matched(Match match) {
        return SENT;
    }

    @Override
    @SuppressWarnings("unchecked")
    R finish(Object token) {
        if (token == CLOSED) {
            throw channel.closedForSend();
        }
        return onSent == null ? (R) token : onSent.get();
    }
}
