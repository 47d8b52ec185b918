package org.channels4j.jmh;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TransferQueue;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;

/**
 * channels4j and its peers, by the id the benchmarks take as {@code -p impl=...}, with the
 * capacities each one has.
 *
 * <table>
 *   <caption>Ids and capacities (0 = rendezvous, "unbounded" = never full)</caption>
 *   <tr><th>id</th><th>what</th><th>capacities</th></tr>
 *   <tr><td>channels4j</td><td>this project</td><td>0, n, unbounded</td></tr>
 *   <tr><td>jox</td><td>com.softwaremill.jox channels</td><td>0, n, unbounded</td></tr>
 *   <tr><td>abq</td><td>ArrayBlockingQueue put/take; for drop_oldest and conflated, "poll the
 *       oldest, then offer"</td><td>n</td></tr>
 *   <tr><td>lbq</td><td>LinkedBlockingQueue put/take</td><td>n, unbounded</td></tr>
 *   <tr><td>ltq</td><td>LinkedTransferQueue: transfer/take at 0, put/take unbounded</td>
 *       <td>0, unbounded</td></tr>
 *   <tr><td>sq</td><td>SynchronousQueue put/take, non-fair (the default): on JDK 25 a stack, so
 *       the newest waiter is served first</td><td>0</td></tr>
 *   <tr><td>sqfair</td><td>SynchronousQueue(true) put/take: a FIFO dual queue, waiters served in
 *       arrival order, as a channel must serve them</td><td>0</td></tr>
 *   <tr><td>jctools</td><td>JCTools MpmcArrayQueue, spinning offer/poll: the non-blocking
 *       upper bound</td><td>n &ge; 2, a power of two</td></tr>
 * </table>
 */
enum Implementation {
    CHANNELS4J("channels4j") {
        @Override
        boolean supports(Capacity c) {
            return true;
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            Channel<Object> ch = c.isRendezvous() ? Channels.unbuffered()
                    : c.isUnbounded() ? Channels.unbounded() : Channels.buffered(c.bound());
            return new Channels4jChannel(ch);
        }

        @Override
        ChannelUnderTest createDroppingOldest(Capacity c) {
            return new Channels4jChannel(
                    Channels.builder().capacity(c.bound()).overflow(Overflow.DROP_OLDEST).build());
        }
    },
    JOX("jox") {
        @Override
        boolean supports(Capacity c) {
            return true;
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            com.softwaremill.jox.Channel<Object> ch = c.isRendezvous()
                    ? com.softwaremill.jox.Channel.newRendezvousChannel()
                    : c.isUnbounded() ? com.softwaremill.jox.Channel.newUnlimitedChannel()
                    : com.softwaremill.jox.Channel.newBufferedChannel(c.bound());
            return new JoxChannel(ch);
        }
    },
    ARRAY_BLOCKING_QUEUE("abq") {
        @Override
        boolean supports(Capacity c) {
            return c.isBuffered();
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            return new QueueChannel(new ArrayBlockingQueue<>(c.bound()));
        }

        @Override
        ChannelUnderTest createDroppingOldest(Capacity c) {
            return new DropOldestQueueChannel(new ArrayBlockingQueue<>(c.bound()));
        }
    },
    LINKED_BLOCKING_QUEUE("lbq") {
        @Override
        boolean supports(Capacity c) {
            return !c.isRendezvous();
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            return new QueueChannel(
                    c.isUnbounded() ? new LinkedBlockingQueue<>() : new LinkedBlockingQueue<>(c.bound()));
        }
    },
    LINKED_TRANSFER_QUEUE("ltq") {
        @Override
        boolean supports(Capacity c) {
            return c.isRendezvous() || c.isUnbounded();
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            LinkedTransferQueue<Object> q = new LinkedTransferQueue<>();
            return c.isRendezvous() ? new TransferChannel(q) : new QueueChannel(q);
        }
    },
    SYNCHRONOUS_QUEUE("sq") {
        @Override
        boolean supports(Capacity c) {
            return c.isRendezvous();
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            return new QueueChannel(new SynchronousQueue<>());
        }
    },
    SYNCHRONOUS_QUEUE_FAIR("sqfair") {
        @Override
        boolean supports(Capacity c) {
            return c.isRendezvous();
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            return new QueueChannel(new SynchronousQueue<>(true));
        }
    },
    JCTOOLS_SPINNING("jctools") {
        @Override
        boolean supports(Capacity c) {
            return c.isBuffered() && c.bound() >= 2 && Integer.bitCount(c.bound()) == 1;
        }

        @Override
        ChannelUnderTest create(Capacity c) {
            return new SpinningChannel(new MpmcArrayQueue<>(c.bound()));
        }
    };

    private final String id;

    Implementation(String id) {
        this.id = id;
    }

    abstract boolean supports(Capacity c);

    /**
     * Whether a waiting side spins instead of parking. Such a queue is measured on platform
     * threads only: a spinning virtual thread keeps its carrier until it yields, and yielding in
     * a loop hands the carrier back and forth, far slower still (an early screening run, not
     * kept). It is not how anyone would use it.
     */
    boolean spins() {
        return this == JCTOOLS_SPINNING;
    }

    abstract ChannelUnderTest create(Capacity c);

    /**
     * A bounded channel whose full sends drop the oldest element, for the peers that have one
     * (channels4j's DROP_OLDEST, ArrayBlockingQueue as "poll the oldest, then offer"). jox 1.0.1
     * and the other peers have no such policy.
     */
    ChannelUnderTest createDroppingOldest(Capacity c) {
        throw new IllegalArgumentException("not applicable: " + id + " has no drop-oldest policy");
    }

    /**
     * The channel for {@code -p impl=<id> -p capacity=<capacity>}.
     *
     * @throws IllegalArgumentException for an unknown id, or a capacity the implementation
     *         does not have (JMH then reports this combination as failed and goes on)
     */
    static ChannelUnderTest create(String id, String capacity) {
        Implementation impl = byId(id);
        Capacity c = Capacity.parse(capacity);
        if (!impl.supports(c)) {
            throw new IllegalArgumentException("not applicable: " + id + " has no capacity " + capacity
                    + " (bench.sh runs only the combinations that exist)");
        }
        return impl.create(c);
    }

    /**
     * The channel for {@code -p impl=<id> -p capacity=<capacity> -p policy=<policy>}: policy
     * {@code block} as {@link #create(String, String)}, {@code drop_oldest} a buffered channel
     * that drops its oldest element when full, {@code conflated} the same at capacity 1 (the
     * capacity parameter must then be 1, so that each combination is measured once).
     *
     * @throws IllegalArgumentException for a combination that does not exist
     */
    static ChannelUnderTest create(String id, String capacity, String policy) {
        Implementation impl = byId(id);
        Capacity c = Capacity.parse(capacity);
        return switch (policy) {
            case "block" -> create(id, capacity);
            case "drop_oldest", "conflated" -> {
                if (!c.isBuffered() || (policy.equals("conflated") && c.bound() != 1)) {
                    throw new IllegalArgumentException("not applicable: " + policy + " with capacity " + capacity
                            + " (drop_oldest needs a bounded buffer, conflated is capacity 1)");
                }
                yield impl.createDroppingOldest(c);
            }
            default -> throw new IllegalArgumentException(
                    "policy is block, drop_oldest or conflated, was " + policy);
        };
    }

    static Implementation byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown impl " + id + "; one of "
                        + Arrays.stream(values()).map(i -> i.id).toList()));
    }

    /** A capacity parameter: {@code 0} (rendezvous), {@code n >= 1}, or {@code unbounded}. */
    record Capacity(int bound) {
        static final int UNBOUNDED = -1;

        static Capacity parse(String s) {
            if (s.equals("unbounded")) {
                return new Capacity(UNBOUNDED);
            }
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new IllegalArgumentException("capacity must be 0, positive or 'unbounded', was " + s);
            }
            return new Capacity(n);
        }

        boolean isRendezvous() {
            return bound == 0;
        }

        boolean isUnbounded() {
            return bound == UNBOUNDED;
        }

        boolean isBuffered() {
            return bound > 0;
        }
    }

    private record Channels4jChannel(Channel<Object> channel) implements ChannelUnderTest {
        @Override
        public void send(Object e) throws InterruptedException {
            channel.send(e);
        }

        @Override
        public Object receive() throws InterruptedException {
            return channel.receive();
        }

        @Override
        public boolean trySend(Object e) {
            return channel.trySend(e);
        }

        @Override
        public Object tryReceive() {
            return channel.tryReceive();
        }
    }

    /**
     * jox 1.0.1 has no non-blocking send or receive: they are a select with a default clause,
     * as jox documents. Only the group benchmarks' wind-down uses them, never a measurement.
     */
    private record JoxChannel(com.softwaremill.jox.Channel<Object> channel) implements ChannelUnderTest {
        private static final Object NOTHING = new Object();

        @Override
        public void send(Object e) throws InterruptedException {
            channel.send(e);
        }

        @Override
        public Object receive() throws InterruptedException {
            return channel.receive();
        }

        @Override
        public boolean trySend(Object e) {
            try {
                return com.softwaremill.jox.Select.select(
                        channel.sendClause(e, () -> Boolean.TRUE),
                        com.softwaremill.jox.Select.defaultClause(Boolean.FALSE));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public Object tryReceive() {
            try {
                Object r = com.softwaremill.jox.Select.select(
                        channel.receiveClause(), com.softwaremill.jox.Select.defaultClause(NOTHING));
                return r == NOTHING ? null : r;
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * The usual way to get "latest values win" from a {@code java.util.concurrent} queue: a
     * full offer polls the oldest element and tries again. Not atomic: under contention a
     * sender may drop several elements to place one, which channels4j's DROP_OLDEST never does.
     */
    private record DropOldestQueueChannel(BlockingQueue<Object> queue) implements ChannelUnderTest {
        @Override
        public void send(Object e) {
            trySend(e);
        }

        @Override
        public Object receive() throws InterruptedException {
            return queue.take();
        }

        @Override
        public boolean trySend(Object e) {
            while (!queue.offer(e)) {
                queue.poll();
            }
            return true;
        }

        @Override
        public Object tryReceive() {
            return queue.poll();
        }
    }

    private record QueueChannel(BlockingQueue<Object> queue) implements ChannelUnderTest {
        @Override
        public void send(Object e) throws InterruptedException {
            queue.put(e);
        }

        @Override
        public Object receive() throws InterruptedException {
            return queue.take();
        }

        @Override
        public boolean trySend(Object e) {
            return queue.offer(e);
        }

        @Override
        public Object tryReceive() {
            return queue.poll();
        }
    }

    /** Rendezvous on a TransferQueue: the producer waits until a consumer has the element. */
    private record TransferChannel(TransferQueue<Object> queue) implements ChannelUnderTest {
        @Override
        public void send(Object e) throws InterruptedException {
            queue.transfer(e);
        }

        @Override
        public Object receive() throws InterruptedException {
            return queue.take();
        }

        @Override
        public boolean trySend(Object e) {
            return queue.tryTransfer(e);
        }

        @Override
        public Object tryReceive() {
            return queue.poll();
        }
    }

    /**
     * A lock-free queue with no blocking at all: a waiting side spins, and yields every
     * {@link #SPINS_PER_YIELD} failed attempts so that a virtual thread frees its carrier and a
     * platform thread its core (on a machine with fewer cores than threads it would otherwise
     * burn whole time slices). It checks for interrupts where it yields, so a benchmark can stop
     * it.
     */
    private record SpinningChannel(MessagePassingQueue<Object> queue) implements ChannelUnderTest {
        private static final int SPINS_PER_YIELD = 64;

        @Override
        public void send(Object e) throws InterruptedException {
            for (int spins = 1; !queue.offer(e); spins++) {
                backOff(spins);
            }
        }

        @Override
        public Object receive() throws InterruptedException {
            Object e;
            for (int spins = 1; (e = queue.poll()) == null; spins++) {
                backOff(spins);
            }
            return e;
        }

        private static void backOff(int spins) throws InterruptedException {
            if (spins % SPINS_PER_YIELD != 0) {
                Thread.onSpinWait();
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.yield();
        }

        @Override
        public boolean trySend(Object e) {
            return queue.offer(e);
        }

        @Override
        public Object tryReceive() {
            return queue.poll();
        }
    }
}
