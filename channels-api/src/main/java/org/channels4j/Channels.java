package org.channels4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.channels4j.spi.ChannelProvider;

/**
 * Creates channels and timer channels.
 *
 * <pre>{@code
 * Channel<String> lines = Channels.buffered(16);
 * Thread.ofVirtual().start(() -> {
 *     try {
 *         for (String line : input) lines.send(line);
 *         lines.close();
 *     } catch (InterruptedException e) {
 *         lines.close(e);
 *     }
 * });
 * for (String line : lines) System.out.println(line);   // ends when closed and drained
 * }</pre>
 *
 * <p>The implementation is found with {@link java.util.ServiceLoader}: add
 * {@code org.channels4j:channels-impl} to the class path or module path. Without it, every
 * method here (and {@link Select}'s, {@link ChannelBuilder#build()}, {@link Context}'s
 * {@code with*}) throws {@link IllegalStateException} saying so, after checking its arguments.
 */
public final class Channels {
    private Channels() {
    }

    /**
     * A channel with no buffer: each send waits for a receiver and hands its element over
     * directly (Go's {@code make(chan E)}).
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == 0}
     */
    public static <E> Channel<E> unbuffered() {
        return ProviderLookup.provider().unbuffered();
    }

    /**
     * A channel that buffers up to {@code capacity} elements (Go's {@code make(chan E, n)}).
     *
     * <p>The buffer is allocated whole when the channel is made (channels-impl: an array slot
     * and a stamp, about 12 bytes an element with compressed references), as Go allocates
     * {@code make(chan E, n)}'s. For a buffer that should grow only as elements arrive, use
     * {@link #unbounded()}.
     *
     * @param capacity how many elements the buffer holds, at least 1
     * @param <E> the type of the elements
     * @return a new open channel
     * @throws IllegalArgumentException if {@code capacity < 1} (use {@link #unbuffered()} for a
     *         rendezvous channel) or {@code capacity == Integer.MAX_VALUE} (use
     *         {@link #unbounded()})
     * @throws OutOfMemoryError if the heap cannot hold a buffer of {@code capacity} elements
     */
    public static <E> Channel<E> buffered(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "capacity must be at least 1, was " + capacity + "; use Channels.unbuffered() for capacity 0");
        }
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "capacity Integer.MAX_VALUE means unbounded; use Channels.unbounded()");
        }
        return ProviderLookup.provider().buffered(capacity);
    }

    /**
     * A channel whose sends never block; memory grows with the backlog and is given back as
     * receivers drain it.
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == Integer.MAX_VALUE}
     */
    public static <E> Channel<E> unbounded() {
        return ProviderLookup.provider().unbounded();
    }

    /**
     * A builder for channels with an {@link Overflow} policy or an
     * {@link ChannelBuilder#onUndelivered onUndelivered} handler. Its defaults build the same
     * channel as {@link #unbuffered()}.
     *
     * @param <E> the type of the elements
     * @return a new builder
     */
    public static <E> ChannelBuilder<E> builder() {
        return new ChannelBuilder<>();
    }

    /**
     * A channel that keeps only the latest element: capacity 1 with
     * {@link Overflow#DROP_OLDEST}. A send never blocks and replaces an element nobody has
     * received yet, so a slow receiver always gets the most recent value. Use
     * {@link #builder()} to add a handler for the replaced elements.
     *
     * @param <E> the type of the elements
     * @return a new open channel with {@code capacity() == 1}
     */
    public static <E> Channel<E> conflated() {
        return Channels.<E>builder().capacity(1).overflow(Overflow.DROP_OLDEST).build();
    }

    /**
     * A channel that delivers one {@link Instant} once {@code delay} has passed, and nothing
     * after that (Go's {@code time.After}). It is never closed. No thread is started: receivers
     * park until the deadline.
     *
     * <p>Decision, where the contract asks for arrival order: receivers blocked on one timer
     * channel are not served in the order they came. Each parks until the deadline and the
     * first to run then takes the value, where Go's runtime hands it to the oldest blocked
     * receiver; a thread polling with {@code tryReceive} at the deadline can take it before a
     * parked receiver wakes. Serving in order would need someone to act at the deadline, which
     * is a thread or a timer task per channel. One receiver per timer, Go's usual pattern, is
     * unaffected.
     *
     * @param delay how long from now, zero or more; 2<sup>62</sup> ns (about 146 years) or more
     *        is taken as 2<sup>62</sup> ns: in effect, never
     * @return the timer channel
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static ReceiveChannel<Instant> after(Duration delay) {
        requireNonNegative(delay, "delay");
        return ProviderLookup.provider().after(delay);
    }

    /**
     * A channel that ticks every {@code period} (Go's {@code time.Tick}); each value is the
     * {@link Instant} the tick was due (creation time plus a whole number of periods), not the
     * time it was received. It holds at most one pending tick: a slow receiver gets the latest
     * tick and the ticks it missed are dropped. No thread is started. As with {@link #after},
     * blocked receivers are not served in arrival order, and a receiver that polls can take
     * every tick before a parked one wakes.
     *
     * @param period time between ticks, more than zero; 2<sup>62</sup> ns (about 146 years) or
     *        more is taken as 2<sup>62</sup> ns: in effect, one tick never comes
     * @return the ticker channel
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static ReceiveChannel<Instant> tick(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("tick period must be positive, was " + period);
        }
        return ProviderLookup.provider().tick(period);
    }

    /**
     * A channel that is never ready: receiving from it blocks until interrupted. Useful to
     * disable a select clause (Go's nil channel).
     *
     * @param <E> the type of the (absent) elements
     * @return the never-ready channel
     */
    public static <E> ReceiveChannel<E> never() {
        return ProviderLookup.provider().never();
    }

    /**
     * The channel as a {@link Flow.Publisher} (Reactive Streams): each subscriber gets elements
     * received from the channel. Several subscribers compete, as several receivers do, so each
     * element goes to exactly one of them; this publisher does not multicast.
     *
     * <ul>
     *   <li><b>Threads.</b> Each subscription has its own virtual thread, which makes every call
     *       on its subscriber ({@code onSubscribe} first, then {@code onNext}, then at most one of
     *       {@code onComplete}/{@code onError}), so the calls are serial. {@code request} and
     *       {@code cancel} never block and may be called from any thread, including from inside
     *       {@code onNext}.</li>
     *   <li><b>Demand.</b> A subscription receives from the channel only while its subscriber
     *       has outstanding demand, so the channel never gives up an element that cannot be
     *       delivered. With no demand its thread is parked, which holds no platform thread.</li>
     *   <li><b>End of stream.</b> {@code onComplete} follows a plain {@link SendChannel#close()}
     *       once the channel is drained, {@code onError(cause)} follows
     *       {@link SendChannel#close(Throwable) close(cause)}. The close is seen when the
     *       subscription next looks at the channel: at once while it has demand; with no demand,
     *       before it parks if the channel is closed and drained by then, or otherwise at the
     *       next {@code request} (a channel closed with elements left that other receivers then
     *       take is one such case).</li>
     *   <li><b>Cancel</b> stops receiving: no element is taken after the cancel is seen, no
     *       element taken is dropped because of it, and the subscriber is then forgotten. The
     *       channel itself is left open for other receivers. So an element the subscription
     *       took just before the cancel still reaches {@code onNext}, possibly after
     *       {@code cancel()} returned (rule 3.12 allows it); a subscriber that ignores signals
     *       after its cancel drops that element itself.</li>
     *   <li><b>Rule breaks.</b> {@code request(n)} with {@code n <= 0} cancels and signals
     *       {@code onError(IllegalArgumentException)} (Reactive Streams rule 3.9). A subscriber
     *       method that throws ends the subscription (rule 2.13); an element whose
     *       {@code onNext} threw is lost, and the throwable goes to the thread's uncaught
     *       exception handler. The subscription's thread runs only the subscriber's code
     *       besides its own, so an interrupt of it comes from the subscriber: the next wait
     *       that blocks then ends the stream with {@code onError(InterruptedException)}.</li>
     *   <li><b>A failing channel.</b> If receiving from the channel throws (a
     *       {@link ReceiveChannel} that channels4j did not make, whose clause a select refuses
     *       with {@link IllegalArgumentException}, say), the stream ends with {@code onError} of
     *       what it threw (rule 1.4) instead of leaving the subscriber waiting.</li>
     * </ul>
     *
     * <p>Checked with the Reactive Streams TCK ({@code FlowPublisherVerification}).
     *
     * @param channel the channel to receive from
     * @param <E> the type of the elements
     * @return a publisher that may be subscribed to any number of times
     * @throws NullPointerException if {@code channel} is null
     */
    public static <E> Flow.Publisher<E> asPublisher(ReceiveChannel<E> channel) {
        Objects.requireNonNull(channel, "channel");
        return new ChannelPublisher<>(channel);
    }

    /**
     * A channel fed by a {@link Flow.Publisher} (Reactive Streams). It subscribes at once,
     * requests {@code capacity} elements, and requests one more each time a receiver takes one
     * (by {@code receive}, {@code tryReceive}, a selected receive clause, the iterator or the
     * stream), so the publisher's {@code onNext} never blocks and nothing is dropped.
     *
     * <ul>
     *   <li>{@code onComplete} closes the channel; {@code onError(t)} closes it with cause
     *       {@code t}. Receivers get every element delivered before that, then the close.</li>
     *   <li>A publisher that breaks the spec, by sending more {@code onNext} than requested or
     *       a {@code null} element, closes the channel with an {@link IllegalStateException}
     *       that names the rule, and its subscription is cancelled. A second
     *       {@code onSubscribe} is cancelled (rule 2.5).</li>
     *   <li>Calls on the subscription are serial (rule 2.7), however many threads receive:
     *       the receiving thread that finds no other thread calling the subscription makes the
     *       {@code request} for all of them, and nobody waits.</li>
     *   <li>The returned channel is receive-only: nobody else can send to it. Its
     *       {@link ReceiveChannel#cancel() cancel} closes it and cancels the subscription.</li>
     * </ul>
     *
     * <p>Elements this channel never delivers are dropped: what it buffers when it is
     * cancelled, and what the publisher signals after the channel was closed or cancelled
     * (rule 3.12 lets a publisher deliver elements it had in flight when it saw the cancel) or
     * beyond its demand. To release them, use
     * {@link #fromPublisher(Flow.Publisher, int, Consumer)}.
     *
     * <p>Checked with the Reactive Streams TCK ({@code FlowSubscriberWhiteboxVerification}).
     *
     * @param publisher the publisher to subscribe to
     * @param capacity the buffer size, which is also the most elements ever requested and not
     *        yet received; at least 1 and less than {@code Integer.MAX_VALUE}. The buffer is
     *        allocated whole, as {@link #buffered(int)}'s is (about 12 bytes an element), so
     *        an "unbounded prefetch" is not {@code Integer.MAX_VALUE - 1}: it would not fit
     * @param <E> the type of the elements
     * @return the channel of the publisher's elements
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if {@code capacity} is out of range
     * @throws OutOfMemoryError if the heap cannot hold a buffer of {@code capacity} elements
     */
    public static <E> ReceiveChannel<E> fromPublisher(Flow.Publisher<? extends E> publisher, int capacity) {
        Objects.requireNonNull(publisher, "publisher");
        requirePublisherCapacity(capacity);
        return new PublisherChannel<>(publisher, capacity, null);
    }

    /**
     * {@link #fromPublisher(Flow.Publisher, int)} with a handler for the elements the channel
     * will never deliver, as {@link ChannelBuilder#onUndelivered} is for a channel's senders:
     * every element the publisher signals with {@code onNext} is either received exactly once
     * or handed to {@code onUndelivered} exactly once. The handler gets
     * <ul>
     *   <li>what the channel buffers when it is cancelled, on the thread that calls
     *       {@link ReceiveChannel#cancel() cancel}; an exception from the handler reaches that
     *       caller, as on any channel;</li>
     *   <li>an element signalled after the channel was closed (by {@code cancel}, by the
     *       publisher's {@code onComplete} or {@code onError}, or for a broken rule), and an
     *       element beyond the demand (which breaks rule 1.1 and closes the channel), on the
     *       publisher's thread, inside {@code onNext}. There an exception from the handler goes
     *       to that thread's {@linkplain Thread.UncaughtExceptionHandler uncaught exception
     *       handler}, because rule 2.13 forbids {@code onNext} to throw (decided where the spec
     *       is silent, 2026-12-06, as {@link #asPublisher} does with a subscriber that throws).</li>
     * </ul>
     * A {@code null} element is not an element: it breaks rule 2.13 as in
     * {@code fromPublisher(publisher, capacity)}, and nothing is handed over.
     *
     * @param publisher the publisher to subscribe to
     * @param capacity the buffer size, which is also the most elements ever requested and not
     *        yet received; at least 1 and less than {@code Integer.MAX_VALUE}. The buffer is
     *        allocated whole, as {@link #buffered(int)}'s is (about 12 bytes an element), so
     *        an "unbounded prefetch" is not {@code Integer.MAX_VALUE - 1}: it would not fit
     * @param onUndelivered the handler for elements the channel received from the publisher
     *        and will never deliver
     * @param <E> the type of the elements
     * @return the channel of the publisher's elements
     * @throws NullPointerException if {@code publisher} or {@code onUndelivered} is null
     * @throws IllegalArgumentException if {@code capacity} is out of range
     * @throws OutOfMemoryError if the heap cannot hold a buffer of {@code capacity} elements
     */
    public static <E> ReceiveChannel<E> fromPublisher(Flow.Publisher<? extends E> publisher, int capacity,
            Consumer<? super E> onUndelivered) {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(onUndelivered, "onUndelivered handler");
        requirePublisherCapacity(capacity);
        return new PublisherChannel<>(publisher, capacity, onUndelivered);
    }

    private static void requirePublisherCapacity(int capacity) {
        if (capacity < 1 || capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fromPublisher capacity must be between 1 and "
                    + "Integer.MAX_VALUE - 1 (it is the buffer size and the most elements requested "
                    + "ahead), was " + capacity);
        }
    }

    /**
     * A channel that delivers a {@link CompletionStage}'s value once, to one receiver, and is
     * then closed: iteration yields one element and ends. Use it to wait for a future in a
     * {@link Select}:
     * <pre>{@code
     * String r = Select.select(
     *         Channels.fromFuture(reply).onReceive(v -> "reply " + v),
     *         quit.onReceive(q -> "quit"));
     * }</pre>
     *
     * <ul>
     *   <li>Exceptional completion closes the channel with the cause, unwrapped from
     *       {@link CompletionException}; cancellation closes it with the
     *       {@link CancellationException}. Receivers then get {@link ChannelClosedException}
     *       with that cause, and {@code onReceiveOrClosed} runs its closed branch with it.</li>
     *   <li>A {@code null} value (a {@code CompletionStage<Void>}, say) closes the channel
     *       without an element, so it works as a "done" channel, as a closed channel does in
     *       Go: {@code onReceiveOrClosed} runs its closed branch with a {@code null} cause.</li>
     *   <li>It registers one completion callback on the stage when created and starts no
     *       thread. Receiving or selecting on the channel, any number of times, registers
     *       nothing more on the stage. Each call of this method registers one more, which
     *       stays, holding its channel, until the stage completes: make the channel once, not
     *       once per select in a loop, over a stage that may never complete.</li>
     *   <li>The returned channel is receive-only. Its {@code cancel()} stops delivery and
     *       discards a value already there, but does not cancel the stage, which this channel
     *       only listens to (a decision: the stage may have other dependants); its callback
     *       stays registered and does nothing when it runs.</li>
     * </ul>
     *
     * @param stage the stage whose result to deliver
     * @param <E> the type of the value
     * @return a channel of at most one element
     * @throws NullPointerException if {@code stage} is null
     */
    public static <E> ReceiveChannel<E> fromFuture(CompletionStage<? extends E> stage) {
        Objects.requireNonNull(stage, "stage");
        return new FutureChannel<>(stage);
    }

    static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }
}
