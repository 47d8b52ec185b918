package org.channels4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A {@link CompletionStage} seen as a channel ({@link Channels#fromFuture}): it delivers the
 * stage's value once and is then closed.
 *
 * <p>The constructor registers exactly one completion callback on the stage; the callback sends
 * the value into a one-slot buffer and closes it (a send into an empty one-slot buffer never
 * blocks, so the completing thread is never held). No thread is started, and receiving or
 * selecting on this channel any number of times registers nothing further on the stage: the
 * waiting is the underlying channel's own.
 *
 * <p>Outcomes: a value becomes one element followed by a plain close; a {@code null} value
 * (for example a {@code CompletableFuture<Void>}) becomes a plain close with no element, so the
 * channel works as a "done" channel; an exception closes the channel with it as the cause,
 * unwrapped from {@link CompletionException}; a cancellation closes it with the
 * {@link CancellationException}.
 *
 * @param <E> the type of the value
 */
final class FutureChannel<E> extends ForwardingReceiveChannel<E> {

    FutureChannel(CompletionStage<? extends E> stage) {
        super(Channels.buffered(1));
        stage.whenComplete(this::complete);
    }

    private void complete(E value, Throwable failure) {
        if (failure != null) {
            source.close(unwrap(failure));
            return;
        }
        if (value != null) {
            // The only send, into an empty one-slot buffer nobody else sends to: it succeeds
            // unless the channel was cancelled first, and then there is nothing left to do.
            try {
                source.trySend(value);
            } catch (ChannelClosedException cancelled) {
                return;
            }
        }
        source.close();
    }

    /** Dependent stages report their source's failure wrapped in a CompletionException. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Nothing to do: the stage completes once, and the one-slot buffer is never refilled. */
    @Override
    void taken() {
    }

    @Override
    public String toString() {
        return "fromFuture"; // the factory call; no state. A recorded wait names the buffer, buffered(1)
    }
}
