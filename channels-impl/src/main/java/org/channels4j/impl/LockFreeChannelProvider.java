package org.channels4j.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.Overflow;
import org.channels4j.ReceiveChannel;
import org.channels4j.SelectClause;
import org.channels4j.spi.ChannelProvider;
import org.channels4j.spi.DoneChannel;

/**
 * The lock-free channel provider, found by {@code org.channels4j.Channels} through
 * {@link java.util.ServiceLoader}. Users never name it.
 */
public final class LockFreeChannelProvider implements ChannelProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public LockFreeChannelProvider() {
    }

    @Override
    public <E> Channel<E> unbuffered() {
        return new UnbufferedChannel<>();
    }

    @Override
    public <E> Channel<E> buffered(int capacity) {
        return BufferChannel.buffered(capacity);
    }

    @Override
    public <E> Channel<E> unbounded() {
        return BufferChannel.unbounded();
    }

    @Override
    public <E> Channel<E> channel(int capacity, Overflow overflow, Consumer<? super E> onUndelivered) {
        // An unbuffered channel hands every element over directly: nothing for a handler.
        return capacity == 0 ? new UnbufferedChannel<>() : BufferChannel.create(capacity, overflow, onUndelivered);
    }

    @Override
    public ReceiveChannel<Instant> after(Duration delay) {
        return new AfterChannel(Durations.toNanos(delay, "delay"));
    }

    @Override
    public ReceiveChannel<Instant> tick(Duration period) {
        final long nanos = Durations.toNanos(period, "period");
        if (nanos == 0) {
            throw new IllegalArgumentException("tick period must be positive, was " + period);
        }
        return new TickChannel(nanos);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> ReceiveChannel<E> never() {
        return (ReceiveChannel<E>) NeverChannel.INSTANCE;
    }

    @Override
    public DoneChannel doneChannel(DoneChannel parent, boolean timed, long deadline) {
        if (parent != null && !(parent instanceof DeadlineChannel)) {
            throw new IllegalArgumentException("parent done channel " + parent + " was not made by this provider");
        }
        return new DeadlineChannel((DeadlineChannel) parent, timed, deadline);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R select(SelectClause<? extends R>[] clauses, boolean biased) throws InterruptedException {
        if (clauses.length - 1 > WaitNode.MAX_CLAUSE) { // a node carries its clause index in 16 bits, as Go's reflect.Select allows
            throw new IllegalArgumentException("a select takes at most " + (WaitNode.MAX_CLAUSE + 1L)
                    + " clauses, got " + clauses.length);
        }
        for (int i = 0; i < clauses.length; i++) {
            if (!(clauses[i] instanceof Clause<?>)) {
                throw new IllegalArgumentException("select clause " + i + " (" + clauses[i]
                        + ") was not created by channels4j: build clauses with onSend, onReceive, "
                        + "onReceiveOrClosed, Select.onTimeout or Select.orElse");
            }
        }
        return (R) Selection.run(clauses, biased);
    }

    @Override
    public <R> SelectClause<R> onTimeout(Duration timeout, Supplier<? extends R> then) {
        return new TimeoutClause<>(Durations.toNanos(timeout, "timeout"), then);
    }

    @Override
    public <R> SelectClause<R> orElse(Supplier<? extends R> then) {
        return new DefaultClause<>(then);
    }
}
