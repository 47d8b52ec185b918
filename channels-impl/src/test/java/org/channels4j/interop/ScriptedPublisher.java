package org.channels4j.interop;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher driven by the test: it keeps the subscriber it was given, so that the test
 * signals {@code onNext} and the rest itself, and records the requests and the cancel.
 */
final class ScriptedPublisher implements Flow.Publisher<Integer> {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    Flow.Subscriber<? super Integer> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super Integer> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }
}
