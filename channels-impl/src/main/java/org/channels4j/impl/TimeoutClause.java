package org.channels4j.impl;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Select.onTimeout}: ready once {@code nanos} have passed since the select started.
 * It registers nowhere and starts no thread; the select parks against its deadline.
 */
final class TimeoutClause<R> extends Clause<R> {
    private final long nanos;
    private final Supplier<? extends R> then;

    TimeoutClause(long nanos, Supplier<? extends R> then) {
        this.nanos = nanos;
        this.then = then;
    }

    @Override
    Object attempt(long start) {
        return isReady(null, start) ? FIRED : NOT_READY;
    }

    @Override
    boolean isReady(WaitNode own, long start) {
        return System.nanoTime() - deadline(start) >= 0;
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
    boolean timed() {
        return true;
    }

    @Override
    long deadline(long start) {
        return start + nanos;
    }

    @Override
    String waitedOn() {
        return "timeout(" + Duration.ofNanos(nanos) + ")";
    }

    @Override
    Object matched(Match match) {
        throw new AssertionError("a timeout registers no node");
    }

    @Override
    R finish(Object token) {
        return then.get();
    }
}
