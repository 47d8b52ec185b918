package org.channels4j.soak;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The faults of one round's traffic phase, from one platform thread with its own seeded random
 * stream. Every 20 µs to 500 µs it does one of:
 * <ul>
 *   <li>interrupt one to four random workers (94 in 100), blocked or running: whichever each
 *       is at that moment;</li>
 *   <li>start a new worker (3 in 100), up to {@link #MAX_WORKERS};</li>
 *   <li>retire a random worker (3 in 100), keeping at least two: it stops after its current
 *       operation.</li>
 * </ul>
 * Besides, each channel is closed mid-round with probability 3 in 10, at a random instant of
 * the traffic phase, half of the time with a cause; a third of these closes are cancels, which
 * hand the buffered elements to the ledger's handler. And in half of the rounds the round's
 * {@link org.channels4j.Context} is cancelled at a random instant, half of the time with a
 * cause, waking the selects that wait on its {@code done()} or a child's. In seven rounds of
 * eight it completes the round's future at a random instant ({@link RoundChannels#completeFuture}).
 */
final class FaultInjector implements Runnable {
    private static final int MAX_WORKERS = 16;

    private final Round round;
    private final SplittableRandom random;
    private final long[] closeAt;
    private long cancelContextAt;
    private long completeFutureAt;
    private final int futureEnding;
    private final long futureValue;
    private volatile boolean stopped;

    FaultInjector(Round round, SplittableRandom random, long trafficNanos) {
        this.round = round;
        this.random = random;
        final long start = System.nanoTime();
        closeAt = new long[round.channels().size()];
        for (int c = 0; c < closeAt.length; c++) {
            closeAt[c] = random.nextInt(10) < 3 ? start + random.nextLong(trafficNanos + 1) : Long.MAX_VALUE;
        }
        cancelContextAt = random.nextBoolean() ? start + random.nextLong(trafficNanos + 1) : Long.MAX_VALUE;
        completeFutureAt = random.nextInt(8) != 0 ? start + random.nextLong(trafficNanos + 1) : Long.MAX_VALUE;
        futureEnding = Math.max(0, random.nextInt(6) - 2); // a value in half of the rounds; null, failure, cancel
        futureValue = random.nextLong();
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                LockSupport.parkNanos(random.nextLong(20_000, 500_000));
                final long now = System.nanoTime();
                for (int c = 0; c < closeAt.length; c++) {
                    if (closeAt[c] <= now) {
                        closeAt[c] = Long.MAX_VALUE;
                        round.channels().close(c, random.nextBoolean(), random.nextInt(3) == 0, "the fault injector",
                                round.ledger(), round.tally());
                    }
                }
                if (cancelContextAt <= now) {
                    cancelContextAt = Long.MAX_VALUE;
                    if (round.channels().cancelContext("the fault injector", random.nextBoolean(), round.ledger())) {
                        round.tally().contextCancelled();
                    }
                }
                if (completeFutureAt <= now) {
                    completeFutureAt = Long.MAX_VALUE;
                    round.channels().completeFuture(futureEnding, futureValue);
                }
                // Every branch draws the same numbers whatever the workers are doing, so that the
                // stream of choices does not depend on the interleaving.
                final int action = random.nextInt(100);
                if (action < 94) {
                    for (int k = random.nextInt(1, 5); k > 0; k--) {
                        round.interruptWorker(random.nextInt(Integer.MAX_VALUE));
                    }
                } else if (action < 97) {
                    final SplittableRandom workerRandom = random.split();
                    if (round.liveWorkers() < MAX_WORKERS) {
                        round.startWorker(workerRandom);
                    }
                } else {
                    round.retireWorker(random.nextInt(Integer.MAX_VALUE));
                }
            }
        } catch (Throwable t) {
            round.ledger().violation("the fault injector failed: " + Round.stackTrace(t));
        }
    }
}
