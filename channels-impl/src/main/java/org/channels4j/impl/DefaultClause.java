package org.channels4j.impl;

import java.util.function.Supplier;

/** {@code Select.orElse}, Go's {@code default}: chosen when no other clause is ready at once. */
final class DefaultClause<R> extends Clause<R> {
    private final Supplier<? extends R> then;

    DefaultClause(Supplier<? extends R> then) {
        this.then = then;
    }

    @Override
    Object attempt(long start) {
        return NOT_READY;
    }

    @Override
    boolean isReady(WaitNode own, long start) {
        return false;
    }

    @Override
    boolean registersNode() {
        return false;
    }

    @Override
    WaitNode register(Waiter owner, boolean selecting, boolean alone, int index) {
        return null;
    }

    @Override
    boolean isDefault() {
        return true;
    }

    @Override
    String waitedOn() {
        throw new AssertionError("a select with orElse never waits");
    }

    @Override
    Object matched(Match match) {
        throw new AssertionError("a default registers no node");
    }

    @Override
    R finish(Object token) {
        return then.get();
    }
}
