package org.channels4j.impl;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.channels4j.Overflow;

/**
 * The workload of {@link DependentWaitSitesTest}, run in a JVM whose virtual-thread scheduler has
 * one carrier. For each dependent wait ({@link DependentWait}'s list) that it can reach
 * deterministically, it leaves a step of another thread unfinished, with the calls and stores
 * that thread makes (a producer's claim of a position it has not published, a consumer's claim
 * of one whose slot it has not freed, a displacing producer's claim, a cancel's freeze, an
 * unbuffered waiter registered and not yet settled), and has a virtual thread make the
 * production call that must wait there. That thread first starts a second virtual thread,
 * which can run only if the first leaves the carrier. This JVM's main thread, a platform
 * thread playing the other one, finishes the step after a window (one step after another for a
 * wait that meets two), so the wait ends; the second thread must not have run before it did.
 * Then the waiter yields, which must let the second one run: the observation can see a yield
 * on that path.
 *
 * <p>The window is no time limit: the correct code passes however long it is, and a site that
 * yields or parks is caught as soon as it does so within the window.
 *
 * <p>Prints one line per site: {@code <site>: waited=<b> ranDuringWait=<b> ranAfterYield=<b> result=<r>},
 * {@code waited} saying that the call returned only after the last step was finished.
 */
public final class DependentWaitSitesMain {
    /** How long each step is left unfinished, unless the second thread runs first. */
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private DependentWaitSitesMain() {
    }

    private interface Call {
        Object run() throws Exception;
    }

    private interface Step {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        ringConsumerAtAClaimedPosition();
        ringProducerAtASlotBeingFreed();
        ringConsumerAtADesignatedPosition();
        displacingOfferAtASlotBeingFreed();
        displacingProducerBehindAnEarlierOne();
        displacingProducerAtItsPositionAfterACancel();
        ringDrainAtAClaimedPosition();
        segmentedConsumerAtAClaimedPosition();
        segmentedDrainAtAClaimedPosition();
        unbufferedRecheckBehindASmallerIdStillRechecking();
    }

    /** {@code RingBuffer.poll}: a position claimed by a producer that has not published it. */
    private static void ringConsumerAtAClaimedPosition() throws Exception {
        final BufferChannel<Object> ch = BufferChannel.buffered(2);
        final Ring ring = new Ring(ch);
        claimed(ring.ring.casProducerIndex(0, 1)); // the producer of position 0
        run("RingBuffer.poll, position claimed, not published", ch::receive, () -> ring.publish(0, "x"));
    }

    /** {@code RingBuffer.offer}: on a full ring, a slot whose consumer has claimed it and not freed it. */
    private static void ringProducerAtASlotBeingFreed() throws Exception {
        final BufferChannel<Object> ch = BufferChannel.buffered(1);
        ch.send("a");
        final Ring ring = new Ring(ch);
        claimed(ring.ring.casConsumerIndex(0, 1)); // the consumer of position 0
        run("RingBuffer.offer, slot claimed by a consumer, not freed", () -> {
            ch.send("b");
            return ch.tryReceive();
        }, () -> ring.free(0));
    }

    /**
     * {@code RingBuffer.poll} on a {@code DROP_OLDEST} ring: a position designated for a
     * displacing producer that has claimed its own position and not yet taken it (and then, for
     * a moment, its own position claimed and not published).
     */
    private static void ringConsumerAtADesignatedPosition() throws Exception {
        final BufferChannel<Object> ch = BufferChannel.create(1, Overflow.DROP_OLDEST, null);
        ch.send("a");
        final Ring ring = new Ring(ch);
        claimed(ring.ring.casProducerIndex(1, 2)); // a displacing producer of position 1: position 0 is designated
        run("RingBuffer.poll, position designated for a displacing producer", ch::receive, () -> {
            claimed(ring.ring.casConsumerIndex(0, 1)); // it takes position 0, dropping "a"
            ring.publish(1, "b");
        });
    }

    /**
     * {@code RingBuffer.offerDisplacingOldest}, called directly: a slot whose consumer has
     * claimed it and not freed it. Through the channel, the plain offer before it meets that
     * wait first, and the displacing offer meets it only in a race.
     */
    private static void displacingOfferAtASlotBeingFreed() throws Exception {
        final Ring ring = new Ring(new RingBuffer(1, true));
        ring.ring.offer("a");
        claimed(ring.ring.casConsumerIndex(0, 1)); // the consumer of position 0
        run("RingBuffer.offerDisplacingOldest, slot claimed by a consumer, not freed",
                () -> ring.ring.offerDisplacingOldest("b"), () -> ring.free(0));
    }

    /**
     * {@code RingBuffer.displaceOldest}: a displacing producer whose designated position comes
     * after that of a displacing producer before it, which has not taken its own.
     */
    private static void displacingProducerBehindAnEarlierOne() throws Exception {
        final List<Object> dropped = new CopyOnWriteArrayList<>();
        final BufferChannel<Object> ch = BufferChannel.create(1, Overflow.DROP_OLDEST, dropped::add);
        ch.send("a");
        final Ring ring = new Ring(ch);
        claimed(ring.ring.casProducerIndex(1, 2)); // an earlier displacing producer, of position 1
        run("RingBuffer.displaceOldest, behind an earlier displacing producer", () -> {
            ch.send("c"); // position 2, designated position 1
            return ch.tryReceive() + " dropped=" + dropped;
        }, () -> {
            claimed(ring.ring.casConsumerIndex(0, 1)); // the earlier one takes position 0
            ring.publish(1, "b");
        });
    }

    /**
     * {@code RingBuffer.displaceOldest}: a displacing producer whose designated position is not
     * yet published (first wait), then, a cancel having frozen the consumers, owned by it and
     * still not published (second wait).
     */
    private static void displacingProducerAtItsPositionAfterACancel() throws Exception {
        final Ring ring = new Ring(new RingBuffer(1, true));
        claimed(ring.ring.casProducerIndex(0, 1)); // the producer of position 0
        run("RingBuffer.displaceOldest, designated position not published, then owned after a cancel",
                () -> ring.ring.offerDisplacingOldest("b"),
                ring.ring::claimRemainingForDiscard,
                () -> ring.publish(0, "a"));
    }

    /** {@code RingBuffer.drainDiscarded}: a cancel's drain at a position claimed before it and not published. */
    private static void ringDrainAtAClaimedPosition() throws Exception {
        final List<Object> undelivered = new CopyOnWriteArrayList<>();
        final BufferChannel<Object> ch = BufferChannel.create(2, Overflow.BLOCK, undelivered::add);
        final Ring ring = new Ring(ch);
        claimed(ring.ring.casProducerIndex(0, 1)); // the producer of position 0
        run("RingBuffer.drainDiscarded, position claimed, not published", () -> {
            ch.cancel();
            return undelivered;
        }, () -> ring.publish(0, "x"));
    }

    /** {@code SegmentedQueue.poll}: a position claimed by a producer that has not published it. */
    private static void segmentedConsumerAtAClaimedPosition() throws Exception {
        final BufferChannel<Object> ch = BufferChannel.unbounded();
        final SegmentedQueue queue = (SegmentedQueue) field(ch, BufferChannel.class, "buffer");
        claimed(queue.casProducerIndex(0, 1)); // the producer of position 0, in the first segment
        run("SegmentedQueue.poll, position claimed, not published", ch::receive, () -> publish(queue, 0, "x"));
    }

    /** {@code SegmentedQueue.drainDiscarded}: a cancel's drain at a position claimed before it and not published. */
    private static void segmentedDrainAtAClaimedPosition() throws Exception {
        final List<Object> undelivered = new CopyOnWriteArrayList<>();
        final BufferChannel<Object> ch = BufferChannel.create(Integer.MAX_VALUE, Overflow.BLOCK, undelivered::add);
        final SegmentedQueue queue = (SegmentedQueue) field(ch, BufferChannel.class, "buffer");
        claimed(queue.casProducerIndex(0, 1));
        run("SegmentedQueue.drainDiscarded, position claimed, not published", () -> {
            ch.cancel();
            return undelivered;
        }, () -> publish(queue, 0, "x"));
    }

    /**
     * {@code UnbufferedChannel.findPartner}: a receiver's re-check that meets a sender still
     * re-checking (registered, not settled) whose thread, this main thread, has the smaller id.
     * Entered at {@code Selection.awaitReceive}: the attempt in {@code receive()} would take the
     * sender at once, and a sender registering between that attempt and the re-check is a race.
     */
    private static void unbufferedRecheckBehindASmallerIdStillRechecking() throws Exception {
        final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
        final Waiter sender = new Waiter(new ThreadRecord(Thread.currentThread()), true, "x");
        ch.registerSender(sender); // its re-check is under way: not settled
        run("UnbufferedChannel.findPartner, partner of a smaller id still re-checking",
                () -> Selection.awaitReceive(ch, false, 0L), sender::settle);
    }

    private static void run(String site, Call call, Step... steps) throws Exception {
        final AtomicBoolean otherRan = new AtomicBoolean();
        final AtomicBoolean started = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean(); // set before the last step
        final String[] line = new String[1];
        final Thread waiter = Thread.ofVirtual().name("dependent waiter").start(() -> {
            Thread.ofVirtual().name("queued behind it").start(() -> otherRan.set(true));
            started.set(true);
            Object result;
            try {
                result = call.run();
            } catch (Throwable t) {
                result = t;
            }
            final boolean waited = finished.get();
            final boolean ranDuringWait = otherRan.get();
            for (int i = 0; i < 10_000 && !otherRan.get(); i++) {
                Thread.yield();
            }
            line[0] = site + ": waited=" + waited + " ranDuringWait=" + ranDuringWait
                    + " ranAfterYield=" + otherRan.get() + " result=" + result;
        });
        while (!started.get()) {
            Thread.onSpinWait();
        }
        for (int s = 0; s < steps.length; s++) {
            final long end = System.nanoTime() + WINDOW_NANOS;
            while (!otherRan.get() && end - System.nanoTime() > 0) {
                Thread.sleep(1);
            }
            if (s == steps.length - 1) {
                finished.set(true);
            }
            steps[s].run();
        }
        waiter.join();
        System.out.println(line[0]);
    }

    private static void claimed(boolean cas) {
        if (!cas) {
            throw new IllegalStateException("the claim failed: the state is not as built");
        }
    }

    /**
     * A ring, and what its producers and consumers do after their claims, by the ring's own
     * private methods where it has them.
     */
    private static final class Ring {
        final RingBuffer ring;

        Ring(Object channelOrRing) throws ReflectiveOperationException {
            this.ring = channelOrRing instanceof RingBuffer r ? r
                    : (RingBuffer) field(channelOrRing, BufferChannel.class, "buffer");
        }

        private int slot(long position) throws ReflectiveOperationException {
            return (int) invoke(ring, "slot", new Class<?>[] {long.class}, position);
        }

        /** The producer that claimed {@code p} publishes {@code e}. */
        void publish(long p, Object e) throws ReflectiveOperationException {
            invoke(ring, "publish", new Class<?>[] {long[].class, int.class, long.class, Object.class},
                    field(ring, RingBuffer.class, "stamps"), slot(p), p, e);
        }

        /** The consumer that claimed {@code c} takes its element and frees the slot, as {@code poll} does. */
        void free(long c) throws ReflectiveOperationException {
            final Object[] elements = (Object[]) field(ring, RingBuffer.class, "elements");
            final long[] stamps = (long[]) field(ring, RingBuffer.class, "stamps");
            final int i = slot(c);
            elements[i << (int) field(ring, RingBuffer.class, "elementShift")] = null;
            final int capacity = (int) field(ring, RingBuffer.class, "capacity");
            invoke(null, "soStamp", new Class<?>[] {long[].class, int.class, long.class}, stamps, i,
                    (c + capacity) << 1);
        }
    }

    /** The producer that claimed position {@code p} of {@code queue}'s head segment publishes {@code e}. */
    private static void publish(SegmentedQueue queue, long p, Object e) throws ReflectiveOperationException {
        final SegmentedQueue.Segment s = (SegmentedQueue.Segment) field(queue, SegmentedQueue.class, "headSegment");
        final Method soItem = SegmentedQueue.class.getDeclaredMethod("soItem", Object[].class, int.class, Object.class);
        soItem.setAccessible(true);
        soItem.invoke(null, s.items, (int) (p - s.start), e);
    }

    private static Object field(Object owner, Class<?> declaring, String name) throws ReflectiveOperationException {
        final Field f = declaring.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    private static Object invoke(RingBuffer owner, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        final Method m = RingBuffer.class.getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m.invoke(owner, args);
    }
}
