package org.channels4j.soak;

import java.time.Duration;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;

/**
 * A receiver of one of the round's channels through both Flow adapters, in a third of the
 * rounds: {@code fromPublisher(asPublisher(channel), n, ledger::handled)}, a channel fed by a
 * subscription of the round's channel, drained by one thread of its own by every receive path
 * ({@code receive}, both {@code tryReceive}s, a select, the iterator). One element in 128 it
 * cancels the relay channel, half of the time with a cause, and opens a new one on a new
 * subscription, so that cancels race the stream: the cancel hands what the relay buffered to
 * the ledger's handler, and an element the old subscription had taken before it saw the
 * cancel reaches the relay's {@code onNext} afterwards, on the subscription's thread, and goes
 * to the handler too. So the ledger holds every element that left the round's channel this way
 * to "received or handled, exactly once".
 *
 * <p>What else it checks: each relay channel's elements come in one subscription's order, so
 * per-sender order holds within each relay's {@link OperationLog}; the relay that is current
 * when the round's channel is closed ends with that close's cause (none after a plain close,
 * the same throwable after a close with one: {@code asPublisher}'s {@code onError(cause)},
 * then {@code fromPublisher}'s close with it), which the ledger's close-cause check compares
 * with the close that won; and that relay ends within 5 s of the round's channel being closed
 * and drained ({@link #finish}).
 *
 * <p>In the wind-down its thread stops receiving, so that the relay's demand runs out and it
 * takes at most its capacity (plus one element in flight) of the workers' wake-up probes; it
 * resumes in {@link #finish}, after every channel was closed and drained.
 */
final class FlowRelay {
    private static final long TERMINAL_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A select's timeout result; compared by identity, so no element id can be taken for it. */
    private static final Long TIMED_OUT = Long.valueOf(Long.MIN_VALUE);

    private final Round round;
    private final int channel;
    private final int capacity;
    private final Flow.Publisher<Long> publisher;
    private final String name;
    private final SplittableRandom random;
    private final CountDownLatch resume = new CountDownLatch(1);
    private volatile boolean windingDown;
    private int relays;
    private Thread thread;
    /** The first broken promise its thread saw; null while none. */
    private volatile String violation;

    FlowRelay(Round round, String name, SplittableRandom random) {
        this.round = round;
        this.name = name;
        this.random = random;
        this.channel = random.nextInt(round.channels().size());
        this.capacity = 1 + random.nextInt(16);
        this.publisher = slowed(Channels.asPublisher(round.channels().channel(channel)));
    }

    /**
     * {@code upstream} with one {@code onNext} in eight held back for up to 50 µs on the
     * subscription's thread before it reaches the relay: a slow stage between the two
     * adapters. It widens the window in which the relay can be cancelled while an element is
     * on its way, which without it the soak hardly ever hit (a planted drop of that element
     * went unseen in 20 s on each thread kind).
     */
    private static Flow.Publisher<Long> slowed(Flow.Publisher<Long> upstream) {
        return subscriber -> upstream.subscribe(new Flow.Subscriber<Long>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(Long id) {
                final ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextInt(8) == 0) {
                    LockSupport.parkNanos(random.nextLong(1_000, 50_000));
                }
                subscriber.onNext(id);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    /** "fromPublisher(asPublisher #2, 5)". */
    String describe() {
        return "fromPublisher(asPublisher #" + channel + ", " + capacity + "), " + relays + " relays";
    }

    void start(ThreadKind threads) {
        thread = threads.start(name, this::run, random.split());
    }

    /** The wind-down begins: stop taking, so that the relay's demand runs out. */
    void windDown() {
        windingDown = true;
    }

    /**
     * After every channel was closed and drained: the relay, receiving again, must deliver
     * what it holds and then end with the channel's close.
     */
    void finish(Ledger ledger) throws InterruptedException {
        resume.countDown();
        thread.join(TimeUnit.NANOSECONDS.toMillis(TERMINAL_BOUND_NANOS));
        if (thread.isAlive()) {
            ledger.violation(name + ": the relay channel did not end " + TERMINAL_BOUND_NANOS / 1_000_000
                    + " ms after channel #" + channel + " was closed and drained: " + Watchdog.threadDump());
            thread.interrupt();
            thread.join();
        }
        if (violation != null) {
            ledger.violation(name + ": " + violation);
        }
    }

    private ReceiveChannel<Long> open() {
        round.tally().flowSubscribed();
        relays++;
        return Channels.fromPublisher(publisher, capacity, round.ledger()::handled);
    }

    private void run() {
        try {
            ReceiveChannel<Long> relay = open();
            OperationLog log = round.ledger().openLog(name + "-relay" + relays, round.channels().size());
            Iterator<Long> iterator = null;
            for (;;) {
                if (windingDown && resume.getCount() != 0) {
                    resume.await();
                }
                final Long id;
                try {
                    final int how = random.nextInt(6);
                    id = switch (how) {
                        case 0 -> relay.receive();
                        case 1 -> relay.tryReceive();
                        case 2 -> relay.tryReceive(Duration.ofNanos(random.nextLong(1_000, 1_000_000)));
                        case 3 -> {
                            final Long selected = Select.select(relay.onReceive(e -> e),
                                    Select.onTimeout(Duration.ofMillis(1), () -> TIMED_OUT));
                            yield selected == TIMED_OUT ? null : selected;
                        }
                        default -> {
                            if (iterator == null) {
                                iterator = relay.iterator();
                            }
                            yield iterator.hasNext() ? iterator.next() : end(relay);
                        }
                    };
                } catch (ChannelClosedException closed) {
                    log.sawCause(channel, closed.getCause());
                    return;
                }
                if (id == null) {
                    continue;
                }
                log.received(channel, Op.RELAY_RECEIVE, id);
                round.tally().flowDelivered();
                if (random.nextInt(128) == 0 && !windingDown) {
                    if (random.nextBoolean()) {
                        relay.cancel();
                    } else {
                        relay.cancel(new IllegalStateException("soak: " + name + " cancelled relay " + relays));
                    }
                    relay = open();
                    log = round.ledger().openLog(name + "-relay" + relays, round.channels().size());
                    iterator = null;
                }
            }
        } catch (InterruptedException e) {
            violation = "its thread was interrupted: only finish() does that, when the relay did not end";
        } catch (Throwable t) {
            violation = "its thread failed: " + Round.stackTrace(t);
        }
    }

    /** The iterator ended: the relay is closed and drained; its cause is what a receive then throws. */
    private static Long end(ReceiveChannel<Long> relay) throws InterruptedException {
        relay.receive(); // throws the ChannelClosedException with the close's cause
        throw new IllegalStateException("the relay's iterator ended, but receive() then returned an element");
    }
}
