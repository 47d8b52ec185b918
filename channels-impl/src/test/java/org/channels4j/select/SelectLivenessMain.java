package org.channels4j.select;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;

/**
 * The liveness workload of {@link VirtualThreadLivenessTest}, run in its own JVM so that the
 * virtual-thread scheduler can be limited to two carriers: four select senders and four select
 * receivers move {@code messages} distinct values over four channels of one capacity.
 *
 * <p>Arguments: the capacity (0 for unbuffered) and the number of messages. Prints
 * {@code count=<n> sum=<s> duplicates=<d>} and exits 0 when every thread finished.
 * A livelock shows up as a process that never exits: the test then takes a thread dump.
 */
public final class SelectLivenessMain {
    static final int SENDERS = 4;
    static final int RECEIVERS = 4;

    private SelectLivenessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        final int capacity = Integer.parseInt(args[0]);
        final int messages = Integer.parseInt(args[1]);
        final List<Channel<Long>> channels = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            channels.add(capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity));
        }
        final AtomicLongArray seen = new AtomicLongArray(messages / 64 + 1);
        final LongAdder count = new LongAdder();
        final LongAdder sum = new LongAdder();
        final LongAdder duplicates = new LongAdder();

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
                        final long bit = 1L << (v & 63);
                        if ((seen.getAndUpdate((int) (v >>> 6), w -> w | bit) & bit) != 0) {
                            duplicates.increment();
                        }
                        count.increment();
                        sum.add(v);
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
        System.out.println("count=" + count.sum() + " sum=" + sum.sum() + " duplicates=" + duplicates.sum());
    }
}
