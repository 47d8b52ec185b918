package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Flow.Subscriber} for tests that records what it is told and checks the order of the
 * signals: onSubscribe once and first, nothing after a terminal signal. It requests nothing by
 * itself; tests call {@link #request} and {@link #cancel}.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final LinkedBlockingQueue<T> elements = new LinkedBlockingQueue<>();
    /** Completes with empty for onComplete, with the cause for onError. */
    private final CompletableFuture<Optional<Throwable>> terminal = new CompletableFuture<>();
    private final List<String> misorderedSignals = new CopyOnWriteArrayList<>();

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s)) {
            misorderedSignals.add("second onSubscribe");
        }
    }

    @Override
    public void onNext(T element) {
        check("onNext(" + element + ")");
        elements.add(element);
    }

    @Override
    public void onError(Throwable failure) {
        check("onError(" + failure + ")");
        terminal.complete(Optional.of(failure));
    }

    @Override
    public void onComplete() {
        check("onComplete");
        terminal.complete(Optional.empty());
    }

    private void check(String signal) {
        if (!subscription.isDone()) {
            misorderedSignals.add(signal + " before onSubscribe");
        }
        if (terminal.isDone()) {
            misorderedSignals.add(signal + " after the terminal signal");
        }
    }

    void request(long n) throws Exception {
        subscription.get(10, TimeUnit.SECONDS).request(n);
    }

    void cancel() throws Exception {
        subscription.get(10, TimeUnit.SECONDS).cancel();
    }

    /** The next element, waiting up to ten seconds; null if none came. */
    T nextElement() throws InterruptedException {
        return elements.poll(10, TimeUnit.SECONDS);
    }

    /** An element that arrives within {@code millis}, or null: for checking that none does. */
    T elementWithin(long millis) throws InterruptedException {
        return elements.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits for onComplete (empty) or onError (the cause). */
    Optional<Throwable> awaitTerminal() throws Exception {
        return terminal.get(10, TimeUnit.SECONDS);
    }

    boolean terminated() {
        return terminal.isDone();
    }

    void assertSignalsWereInOrder() {
        assertEquals(List.of(), misorderedSignals);
    }
}
