package org.channels4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Channels#fromPublisher(Flow.Publisher, int, java.util.function.Consumer)}: every
 * element the publisher signals is received exactly once or handed to the handler exactly once:
 * what a cancel finds buffered, what arrives after a close or a cancel, and what arrives beyond
 * the demand. Without the handler, those elements were simply dropped.
 */
class FromPublisherUndeliveredTest {
    private static final int CAPACITY = 4;

    @Test
    void aCancelHandsTheBufferedElementsAndLaterOnesToTheHandler() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final List<Integer> handled = new ArrayList<>();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY, handled::add);
        publisher.subscriber.onNext(1);
        publisher.subscriber.onNext(2);
        assertTrue(channel.cancel());
        assertEquals(List.of(1, 2), handled, "the cancel hands over what was buffered, on the cancelling thread");
        assertTrue(publisher.cancelled.get());
        publisher.subscriber.onNext(3); // in flight when the publisher saw the cancel (rule 3.12)
        assertEquals(List.of(1, 2, 3), handled, "an element after the cancel goes to the handler");
        assertThrows(ChannelClosedException.class, channel::tryReceive);
    }

    @Test
    void anElementAfterOnCompleteGoesToTheHandlerAndTheBufferedOnesAreStillReceived() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final List<Integer> handled = new ArrayList<>();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY, handled::add);
        publisher.subscriber.onNext(1);
        publisher.subscriber.onComplete();
        publisher.subscriber.onNext(2); // breaks rule 1.7
        assertEquals(List.of(2), handled);
        assertEquals(1, channel.receive(), "a close is not a cancel: what was buffered is still delivered");
        assertThrows(ChannelClosedException.class, channel::receive);
        assertEquals(List.of(2), handled);
    }

    @Test
    void anElementBeyondTheDemandGoesToTheHandlerAndTheRequestedOnesAreStillReceived() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final List<Integer> handled = new ArrayList<>();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY, handled::add);
        for (int i = 0; i <= CAPACITY; i++) {
            publisher.subscriber.onNext(i);
        }
        assertEquals(List.of(CAPACITY), handled, "the element that broke rule 1.1");
        assertTrue(publisher.cancelled.get());
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(i, channel.receive());
        }
        final Throwable cause = assertThrows(ChannelClosedException.class, channel::receive).getCause();
        assertTrue(cause.getMessage().contains("rule 1.1"), cause.getMessage());
    }

    /** Rule 2.13: {@code onNext} must not throw, so the handler's exception goes to the thread's handler. */
    @Test
    void aHandlerThatThrowsInsideOnNextReachesTheUncaughtExceptionHandlerNotThePublisher() throws Exception {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final RuntimeException thrown = new RuntimeException("handler broke");
        final AtomicInteger calls = new AtomicInteger();
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY, e -> {
            calls.incrementAndGet();
            throw thrown;
        });
        channel.cancel();
        final AtomicReference<Throwable> uncaught = new AtomicReference<>();
        final AtomicReference<Throwable> fromOnNext = new AtomicReference<>();
        final Thread signaller = Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> uncaught.set(e)).start(() -> {
            try {
                publisher.subscriber.onNext(9);
            } catch (Throwable t) {
                fromOnNext.set(t);
            }
        });
        signaller.join();
        assertEquals(null, fromOnNext.get(), "onNext threw");
        assertSame(thrown, uncaught.get());
        assertEquals(1, calls.get(), "the element was handed over once");
    }

    @Test
    void aCancelWhoseHandlerThrowsStillCancelsAndThrowsToItsCaller() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final RuntimeException thrown = new RuntimeException("handler broke");
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, CAPACITY, e -> {
            throw thrown;
        });
        publisher.subscriber.onNext(1);
        assertSame(thrown, assertThrows(RuntimeException.class, channel::cancel));
        assertTrue(publisher.cancelled.get());
        assertTrue(channel.isClosedForReceive());
    }

    @Test
    void badArgumentsFailFastWithoutSubscribing() {
        final ScriptedPublisher publisher = new ScriptedPublisher();
        final NullPointerException noHandler = assertThrows(NullPointerException.class,
                () -> Channels.fromPublisher(publisher, CAPACITY, null));
        assertTrue(noHandler.getMessage().contains("onUndelivered"), noHandler.getMessage());
        assertThrows(NullPointerException.class, () -> Channels.fromPublisher(null, CAPACITY, e -> { }));
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Channels.fromPublisher(publisher, 0, e -> { }));
        assertTrue(zero.getMessage().contains("was 0"), zero.getMessage());
        assertEquals(null, publisher.subscriber, "a rejected call must not subscribe");
    }

    /**
     * Conservation under races: a publisher on its own thread signals within its demand and
     * notices a cancel only now and then, so it keeps signalling for a while after it; two
     * receivers take by every path; a third thread cancels at a random moment. Every signalled
     * element must be received or handled, exactly once. Dropping the late elements, or handing
     * an element that was also received, fails it.
     */
    @ParameterizedTest(name = "{0} threads")
    @EnumSource(ThreadKind.class)
    void everySignalledElementIsReceivedOrHandledExactlyOnceWhenACancelRacesTheStream(ThreadKind threads) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final SplittableRandom seeds = new SplittableRandom(42);
            for (int round = 0; round < 200; round++) {
                runOneRound(threads, seeds.split(), round);
            }
        });
    }

    private static void runOneRound(ThreadKind threads, SplittableRandom random, int round) throws Exception {
        final int total = 2_000;
        final AtomicIntegerArray received = new AtomicIntegerArray(total);
        final AtomicIntegerArray handled = new AtomicIntegerArray(total);
        final Lazy publisher = new Lazy(total, random.split());
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(publisher, 1 + random.nextInt(8),
                e -> handled.incrementAndGet(e));
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger taken = new AtomicInteger();
        final int cancelAfter = random.nextInt(total);
        final List<Thread> party = new ArrayList<>();
        party.add(threads.start("publisher", publisher::run));
        for (int r = 0; r < 2; r++) {
            final SplittableRandom own = random.split();
            party.add(threads.start("receiver-" + r, () -> {
                try {
                    receiveAll(channel, own, received, taken);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        party.add(threads.start("canceller", () -> {
            while (taken.get() < cancelAfter && !channel.isClosedForReceive()) {
                Forked.pause(); // yields on a virtual thread: a spin could keep a receiver off its carrier (JDK 21)
            }
            channel.cancel();
        }));
        for (Thread t : party) {
            t.join();
        }
        assertEquals(List.of(), failures, "round " + round);
        int signalled = 0;
        for (int i = 0; i < total; i++) {
            final boolean sent = publisher.signalled.get(i) == 1;
            signalled += sent ? 1 : 0;
            final int fates = received.get(i) + handled.get(i);
            if (fates != (sent ? 1 : 0)) {
                throw new AssertionError("round " + round + ": element " + i + (sent ? " signalled" : " never signalled")
                        + ", received " + received.get(i) + " times, handled " + handled.get(i) + " times");
            }
        }
        assertTrue(signalled > 0 || cancelAfter == 0, "round " + round + ": nothing was signalled");
    }

    /** Takes elements by a random receive path until the channel is closed. */
    private static void receiveAll(ReceiveChannel<Integer> channel, SplittableRandom random,
            AtomicIntegerArray received, AtomicInteger taken) throws InterruptedException {
        try {
            for (;;) {
                final Integer element = switch (random.nextInt(4)) {
                    case 0 -> channel.receive();
                    case 1 -> channel.tryReceive();
                    case 2 -> channel.tryReceive(Duration.ofNanos(random.nextInt(50_000)));
                    default -> {
                        final Integer selected = Select.select(channel.onReceive(e -> e));
                        yield selected;
                    }
                };
                if (element != null) {
                    received.incrementAndGet(element);
                    taken.incrementAndGet();
                }
            }
        } catch (ChannelClosedException closed) {
            // closed by cancel() or by onComplete: neither has a cause
            assertEquals(null, closed.getCause(), "the channel was closed with a cause");
        }
    }

    /**
     * Signals 0 .. total-1 from its own thread, each only within the demand (rule 1.1), then
     * completes. It looks at the cancel flag only every few elements, so elements it signals
     * after a cancel are common (rule 3.12 allows them); it records each element before it
     * signals it.
     */
    private static final class Lazy implements Flow.Publisher<Integer>, Runnable {
        final AtomicIntegerArray signalled;
        private final int total;
        private final SplittableRandom random;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Flow.Subscriber<? super Integer>> subscribers = new ConcurrentLinkedQueue<>();

        Lazy(int total, SplittableRandom random) {
            this.total = total;
            this.random = random;
            this.signalled = new AtomicIntegerArray(total);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.addAndGet(n);
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
            subscribers.add(s);
        }

        @Override
        public void run() {
            final Flow.Subscriber<? super Integer> s = subscribers.peek();
            for (int next = 0; next < total; next++) {
                if (next % (1 + random.nextInt(8)) == 0 && cancelled.get()) {
                    return;
                }
                while (demand.get() == 0) {
                    if (cancelled.get()) {
                        return;
                    }
                    LockSupport.parkNanos(1_000);
                }
                demand.decrementAndGet();
                signalled.set(next, 1);
                s.onNext(next);
            }
            s.onComplete();
        }
    }
}
