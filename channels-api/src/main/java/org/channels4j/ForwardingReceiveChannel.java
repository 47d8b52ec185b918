package org.channels4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A receive-only view of a channel this library created for an adapter
 * ({@link Channels#fromPublisher}, {@link Channels#fromFuture}). It hides the sending side, so
 * only the adapter can send or close, and it calls {@link #taken()} once for every element that
 * leaves the channel through any of the receive paths: {@code receive}, both
 * {@code tryReceive}s, the receive clauses of a select, and the iterator (and so the stream).
 *
 * <p>{@code taken()} runs after the element has left the underlying channel and before it is
 * handed to the caller (or to the clause's function), so an adapter that counts buffer space
 * from it never counts an element that is still buffered.
 *
 * @param <E> the type of the elements
 */
abstract class ForwardingReceiveChannel<E> implements ReceiveChannel<E> {
    /** The channel the adapter fills; never handed out, so nobody else can send to it. */
    final Channel<E> source;
    private final SelectClause<E> onReceive;

    ForwardingReceiveChannel(Channel<E> source) {
        this.source = source;
        this.onReceive = source.onReceive(this::afterTake);
    }

    /** Called once for each element taken from {@link #source}, by the thread that took it. */
    abstract void taken();

    private E afterTake(E element) {
        taken();
        return element;
    }

    @Override
    public E receive() throws InterruptedException {
        return afterTake(source.receive());
    }

    @Override
    public E tryReceive() {
        final E element = source.tryReceive();
        return element == null ? null : afterTake(element);
    }

    @Override
    public E tryReceive(Duration timeout) throws InterruptedException {
        final E element = source.tryReceive(timeout);
        return element == null ? null : afterTake(element);
    }

    @Override
    public boolean isClosedForReceive() {
        return source.isClosedForReceive();
    }

    /** Cancels the buffer this view reads: closes it and discards what it holds. */
    @Override
    public boolean cancel() {
        return source.cancel();
    }

    @Override
    public boolean cancel(Throwable cause) {
        return source.cancel(cause);
    }

    @Override
    public SelectClause<E> onReceive() {
        return onReceive;
    }

    @Override
    public <R> SelectClause<R> onReceive(Function<? super E, ? extends R> onReceived) {
        Objects.requireNonNull(onReceived, "onReceived");
        return source.onReceive(element -> onReceived.apply(afterTake(element)));
    }

    @Override
    public <R> SelectClause<R> onReceiveOrClosed(Function<? super E, ? extends R> onReceived,
                                                 Function<Throwable, ? extends R> onClosed) {
        Objects.requireNonNull(onReceived, "onReceived");
        Objects.requireNonNull(onClosed, "onClosed");
        return source.onReceiveOrClosed(element -> onReceived.apply(afterTake(element)), onClosed);
    }

    /**
     * The underlying channel's iterator, with {@link #taken()} run as soon as {@code hasNext()}
     * has taken an element from {@link #source} (the underlying iterator takes it there and
     * keeps it for {@code next()}), not when {@code next()} hands it out: an iterator left after
     * a {@code hasNext()} that returned true has still counted the element it took. Found in
     * review (2026-12-06): counting in {@code next()} lost a unit of {@code fromPublisher}'s
     * demand for every iterator so abandoned.
     */
    @Override
    public Iterator<E> iterator() {
        final Iterator<E> elements = source.iterator();
        return new Iterator<>() {
            /** Whether the element the underlying iterator holds for its next() was counted. */
            private boolean counted;

            @Override
            public boolean hasNext() {
                final boolean has = elements.hasNext();
                if (has && !counted) {
                    counted = true;
                    taken();
                }
                return has;
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel is closed and drained");
                }
                counted = false;
                return elements.next();
            }
        };
    }
}
