package org.channels4j.soak;

import java.util.SplittableRandom;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channels;

/**
 * A receiver of one of the round's channels that is not a thread of the soak's: a
 * {@link Flow.Subscriber} of {@link Channels#asPublisher}, in half of the rounds, competing
 * with the workers for the elements. It requests 1 to 16 elements at a time, each time its
 * outstanding demand is used up; one element in 64 it cancels from inside {@code onNext} and
 * subscribes a new subscriber, so that subscriptions come and go while elements flow.
 *
 * <p>What it checks: every element delivered by {@code onNext} is recorded in that
 * subscription's own {@link OperationLog} (Reactive Streams signals are serial per
 * subscription, rule 1.3), so the ledger holds it to "received exactly once", and per-sender
 * order holds within a subscription; no {@code onNext} follows a cancel made from inside
 * {@code onNext} ("no element is taken after the cancel is seen"); {@code onSubscribe} comes
 * first and at most one terminal signal last; and once the channel is closed and drained,
 * a subscription with demand ends with {@code onComplete} after a close without a cause and
 * with {@code onError(cause)} after a close with one (the ledger's close-cause check). In the
 * wind-down the subscriber stops requesting, so that it takes at most its outstanding demand
 * from the workers' wake-up probes; after the final drain the coordinator requests one more
 * element, which must bring the terminal signal within 5 s ({@link #finish}).
 */
final class FlowConsumer {
    private static final long TERMINAL_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Object COMPLETE = "onComplete";

    private final Round round;
    private final int channel;
    private final Flow.Publisher<Long> publisher;
    private final String name;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private volatile boolean windingDown;
    /** The subscriber whose subscription is live: the newest. */
    private volatile Subscriber current;
    /** The first broken rule any subscriber saw; null while none. */
    private volatile String violation;

    FlowConsumer(Round round, String name, SplittableRandom random) {
        this.round = round;
        this.name = name;
        this.channel = random.nextInt(round.channels().size());
        this.publisher = Channels.asPublisher(round.channels().channel(channel));
        this.current = new Subscriber(random.split());
    }

    void start() {
        round.tally().flowSubscribed();
        publisher.subscribe(current);
    }

    /** "asPublisher on #2". */
    String describe() {
        return "asPublisher on #" + channel;
    }

    /** The wind-down begins: request no more. */
    void windDown() {
        windingDown = true;
    }

    /**
     * After every channel was closed and drained: the live subscription, given demand, must
     * signal the end of the stream.
     */
    void finish(Ledger ledger) {
        final Subscriber s = current;
        final long deadline = System.nanoTime() + TERMINAL_BOUND_NANOS;
        boolean requested = false;
        while (s.terminal == null && System.nanoTime() - deadline < 0) {
            final Flow.Subscription subscription = s.subscription;
            if (subscription != null && !requested) {
                subscription.request(1); // the channel is closed and drained: this must end the stream
                requested = true;
            }
            LockSupport.parkNanos(100_000);
        }
        if (s.terminal == null) {
            ledger.violation(name + ": subscription " + s.number + " gave neither onComplete nor onError "
                    + TERMINAL_BOUND_NANOS / 1_000_000 + " ms after its channel was closed and drained"
                    + (requested ? " and it was given demand" : "; onSubscribe never came"));
        }
        if (violation != null) {
            ledger.violation(name + ": " + violation);
        }
    }

    private final class Subscriber implements Flow.Subscriber<Long> {
        private final int number = subscriptions.getAndIncrement();
        private final OperationLog log = round.ledger().openLog(name + "-s" + number, round.channels().size());
        /** Used on the subscription's thread only (signals are serial). */
        private final SplittableRandom random;
        private volatile Flow.Subscription subscription;
        private long outstanding;
        private boolean cancelled;
        /** {@link #COMPLETE}, or the throwable of {@code onError}; null before either. */
        private volatile Object terminal;

        Subscriber(SplittableRandom random) {
            this.random = random;
        }

        private void broke(String what) {
            if (violation == null) {
                violation = "subscription " + number + ": " + what;
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (subscription != null) {
                broke("a second onSubscribe");
                return;
            }
            subscription = s;
            if (!windingDown) {
                requestMore();
            }
        }

        private void requestMore() {
            final int n = 1 + random.nextInt(16);
            outstanding += n;
            subscription.request(n);
        }

        @Override
        public void onNext(Long id) {
            if (subscription == null || terminal != null || cancelled) {
                broke("onNext(" + id + ") " + (subscription == null ? "before onSubscribe"
                        : terminal != null ? "after " + terminal : "after it cancelled from onNext"));
            }
            log.received(channel, Op.FLOW_ON_NEXT, id);
            round.tally().flowDelivered();
            outstanding--;
            if (windingDown || cancelled) {
                return;
            }
            if (random.nextInt(64) == 0) {
                cancelled = true;
                subscription.cancel();
                final Subscriber next = new Subscriber(random.split());
                current = next;
                round.tally().flowSubscribed();
                publisher.subscribe(next);
            } else if (outstanding == 0) {
                requestMore();
            }
        }

        @Override
        public void onError(Throwable cause) {
            log.sawCause(channel, cause); // before end(): the coordinator reads the log once it sees terminal
            end(cause);
        }

        @Override
        public void onComplete() {
            log.sawCause(channel, null); // before end(), as in onError
            end(COMPLETE);
        }

        private void end(Object how) {
            if (subscription == null || terminal != null || cancelled) {
                broke(how + " " + (subscription == null ? "before onSubscribe"
                        : terminal != null ? "after " + terminal : "after it cancelled from onNext"));
            }
            terminal = how;
        }
    }
}
