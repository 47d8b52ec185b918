package org.channels4j.select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;

/**
 * The liveness workloads of {@link VirtualThreadLivenessTest}, run in their own JVM so that the
 * virtual-thread scheduler can be limited to one or two carriers, each with eight virtual
 * threads moving {@code messages} distinct values:
 * <ul>
 *   <li>{@code selects}: four select senders and four select receivers over four channels of
 *       one capacity;</li>
 *   <li>{@code plain}: four plain senders and four plain receivers on one channel, the path of
 *       a served (held) operation on a buffered channel, the late party's poll and the spin
 *       budget behind another waiter's partner ({@code SpinBudget.OTHERS_PARTNER}), which the
 *       selects over several channels never take;</li>
 *   <li>{@code crossing}: selects that both send and receive, on two channels: two threads
 *       cross ({@code a} out, {@code b} in, and the reverse), two send and receive on one
 *       channel, and a biased select over both ends of both; once {@code messages} selects
 *       completed, every thread is interrupted and the channels are drained (found missing in
 *       review, 2026-12-07).</li>
 * </ul>
 *
 * <p>Arguments: the capacity (0 for unbuffered), the number of messages and, optionally, the
 * workload ({@code selects} by default). Prints {@code count=<n> sum=<s> duplicates=<d>} (for
 * {@code crossing}, {@code balanced duplicates=<d>} or what did not balance) and exits 0 when
 * every thread finished. A livelock shows up as a process that never exits: the test then takes
 * a thread dump.
 */
public final class SelectLivenessMain {
    static final int SENDERS = 4;
    static final int RECEIVERS = 4;

    private SelectLivenessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        final int capacity = Integer.parseInt(args[0]);
        final int messages = Integer.parseInt(args[1]);
        final String workload = args.length > 2 ? args[2] : "selects";
        switch (workload) {
            case "selects" -> selects(capacity, messages);
            case "plain" -> plain(capacity, messages);
            case "crossing" -> crossing(capacity, messages);
            default -> throw new IllegalArgumentException("unknown workload: " + workload);
        }
    }

    private static Channel<Long> channel(int capacity) {
        return capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
    }

    /** Four plain senders, four plain receivers, one channel. */
    private static void plain(int capacity, int messages) throws InterruptedException {
        final Channel<Long> ch = channel(capacity);
        final Tally tally = new Tally(messages);
        final Thread[] senders = new Thread[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            final int first = s;
            senders[s] = Thread.ofVirtual().name("sender " + s).start(() -> {
                try {
                    for (long v = first; v < messages; v += SENDERS) {
                        ch.send(v);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        final Thread[] receivers = new Thread[RECEIVERS];
        for (int r = 0; r < RECEIVERS; r++) {
            receivers[r] = Thread.ofVirtual().name("receiver " + r).start(() -> {
                for (long v : ch) { // until closed and drained
                    tally.add(v);
                }
            });
        }
        for (Thread t : senders) {
            t.join();
        }
        ch.close();
        for (Thread t : receivers) {
            t.join();
        }
        System.out.println(tally);
    }

    /**
     * Selects that send and receive at once, on two channels. A value whose send clause was
     * chosen must be received exactly once (by a select, or by the drain at the end), and
     * nothing else received.
     */
    private static void crossing(int capacity, int selects) throws InterruptedException {
        final Channel<Long> a = channel(capacity);
        final Channel<Long> b = channel(capacity);
        final int threads = 8;
        final Set<Long> sent = ConcurrentHashMap.newKeySet();
        final Set<Long> received = ConcurrentHashMap.newKeySet();
        final LongAdder duplicates = new LongAdder();
        final LongAdder done = new LongAdder();
        final Thread[] all = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int role = t % 4;
            final long base = (long) t << 40;
            all[t] = Thread.ofVirtual().name("crossing " + t).start(() -> {
                // a select that finds a clause ready completes it even when interrupted, and keeps
                // the status: at capacity 1, a send and a receive on one channel are always ready
                for (long n = 0; !Thread.currentThread().isInterrupted(); n++) {
                    final long v = base + n;
                    final long r;
                    try {
                        r = switch (role) {
                            case 0 -> Select.select(a.onSend(v, () -> -1L), b.onReceive(x -> x));
                            case 1 -> Select.select(b.onSend(v, () -> -1L), a.onReceive(x -> x));
                            case 2 -> Select.select(a.onSend(v, () -> -1L), a.onReceive(x -> x));
                            default -> Select.selectBiased(b.onReceive(x -> x), a.onSend(v, () -> -1L),
                                    b.onSend(v, () -> -1L), a.onReceive(x -> x));
                        };
                    } catch (InterruptedException e) {
                        return; // no effect: nothing sent or received by this select
                    }
                    if (!(r == -1L ? sent.add(v) : received.add(r))) {
                        duplicates.increment();
                    }
                    done.increment();
                }
            });
        }
        while (done.sum() < selects) {
            Thread.sleep(10);
        }
        for (Thread t : all) {
            t.interrupt();
        }
        for (Thread t : all) {
            t.join();
        }
        for (Long x; (x = a.tryReceive()) != null || (x = b.tryReceive()) != null; ) {
            if (!received.add(x)) {
                duplicates.increment();
            }
        }
        if (sent.equals(received)) {
            System.out.println("balanced duplicates=" + duplicates.sum());
        } else {
            final Set<Long> lost = new HashSet<>(sent);
            lost.removeAll(received);
            final Set<Long> phantom = new HashSet<>(received);
            phantom.removeAll(sent);
            System.out.println("unbalanced: sent " + sent.size() + ", received " + received.size() + ", lost "
                    + lost.size() + ", never sent " + phantom.size() + " duplicates=" + duplicates.sum());
        }
    }

    /** Counts, sums and checks for duplicates the values {@code 0..messages-1} received. */
    private static final class Tally {
        private final AtomicLongArray seen;
        private final LongAdder count = new LongAdder();
        private final LongAdder sum = new LongAdder();
        private final LongAdder duplicates = new LongAdder();

        Tally(int messages) {
            seen = new AtomicLongArray(messages / 64 + 1);
        }

        void add(long v) {
            final long bit = 1L << (v & 63);
            if ((seen.getAndUpdate((int) (v >>> 6), w -> w | bit) & bit) != 0) {
                duplicates.increment();
            }
            count.increment();
            sum.add(v);
        }

        @Override
        public String toString() {
            return "count=" + count.sum() + " sum=" + sum.sum() + " duplicates=" + duplicates.sum();
        }
    }

    /** Four select senders and four select receivers over four channels. */
    private static void selects(int capacity, int messages) throws InterruptedException {
        final List<Channel<Long>> channels = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            channels.add(channel(capacity));
        }
        final Tally tally = new Tally(messages);

        final Thread[] senders = new Thread[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            final int first = s;
            senders[s] = Thread.ofVirtual().name("select sender " + s).start(() -> {
                try {
                    for (long v = first; v < messages; v += SENDERS) {
                        Select.select(channels.get(0).onSend(v, () -> 0), channels.get(1).onSend(v, () -> 1),
                                channels.get(2).onSend(v, () -> 2), channels.get(3).onSend(v, () -> 3));
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        final Thread[] receivers = new Thread[RECEIVERS];
        for (int r = 0; r < RECEIVERS; r++) {
            receivers[r] = Thread.ofVirtual().name("select receiver " + r).start(() -> {
                final boolean[] open = {true, true, true, true};
                int openCount = 4;
                try {
                    while (openCount > 0) {
                        final List<SelectClause<Long>> clauses = new ArrayList<>(4);
                        for (int c = 0; c < 4; c++) {
                            if (open[c]) {
                                final long closedMark = -1 - c;
                                clauses.add(channels.get(c).onReceiveOrClosed(v -> v, cause -> closedMark));
                            }
                        }
                        final long v = Select.select(clauses);
                        if (v < 0) {
                            open[(int) (-1 - v)] = false;
                            openCount--;
                            continue;
                        }
                        tally.add(v);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread t : senders) {
            t.join();
        }
        channels.forEach(Channel::close);
        for (Thread t : receivers) {
            t.join();
        }
        System.out.println(tally);
    }
}
