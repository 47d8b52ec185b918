package org.channels4j.stress;

import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * Bookkeeping for "nothing lost, nothing doubled, FIFO per producer" tests in which two actors
 * each produce and consume, and the arbiter drains what is left.
 *
 * <p>Producer {@code p} (0 or 1) offers elements {@code p * perProducer + 1} upwards, in
 * order. Consumer 0 and 1 are the actors, consumer {@link #DRAIN} is the arbiter. Each actor
 * writes only its own slots, and the arbiter reads them after jcstress has joined the actors,
 * so the ledger needs no synchronization of its own.
 *
 * <p>The verdict, in an {@link IIIII_Result}: {@code r1} elements accepted, then the counts of
 * four kinds of violation, which must all be 0: {@code r2} lost (accepted, never taken),
 * {@code r3} doubled (taken more than once), {@code r4} phantom (taken though refused, or a
 * take returned something that is not an element), {@code r5} reordered (two elements of one
 * producer taken in the opposite order by one consumer, or one left in the buffer behind a
 * later one already taken).
 */
public final class DeliveryLedger {
    /** The consumer index of the arbiter's drain. */
    public static final int DRAIN = 2;

    private final int perProducer;
    private final boolean[] accepted;
    private final int[][] taken = new int[3][];
    private final int[] takenCount = new int[3];
    private int strange;

    public DeliveryLedger(int perProducer) {
        this.perProducer = perProducer;
        this.accepted = new boolean[2 * perProducer + 1];
        for (int i = 0; i < 3; i++) {
            taken[i] = new int[2 * perProducer];
        }
    }

    /** The element producer {@code producer} offers in round {@code round}. */
    public int element(int producer, int round) {
        return producer * perProducer + round + 1;
    }

    /** The producer noted that {@code element} was accepted. */
    public void accepted(int element) {
        accepted[element] = true;
    }

    /** An operation returned something its contract rules out; counted with the phantoms. */
    public void impossible() {
        strange++;
    }

    /** Consumer {@code consumer} took {@code seen}: an Integer element, or something strange. */
    public void taken(int consumer, Object seen) {
        if (seen instanceof Integer e && e >= 1 && e < accepted.length
                && takenCount[consumer] < taken[consumer].length) {
            taken[consumer][takenCount[consumer]++] = e;
        } else {
            strange++;
        }
    }

    private int producerOf(int element) {
        return (element - 1) / perProducer;
    }

    /** Judges the run; call from the arbiter after the drain. */
    public void verdict(IIIII_Result r) {
        final int[] times = new int[accepted.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < takenCount[c]; i++) {
                times[taken[c][i]]++;
            }
        }
        int acceptedCount = 0;
        int lost = 0;
        int doubled = 0;
        int phantom = strange;
        for (int e = 1; e < accepted.length; e++) {
            if (accepted[e]) {
                acceptedCount++;
                if (times[e] == 0) {
                    lost++;
                }
            } else if (times[e] > 0) {
                phantom++;
            }
            if (times[e] > 1) {
                doubled++;
            }
        }
        r.r1 = acceptedCount;
        r.r2 = lost;
        r.r3 = doubled;
        r.r4 = phantom;
        r.r5 = reordered();
    }

    private int reordered() {
        int violations = 0;
        // Within one consumer, one producer's elements must come out in the order they went in.
        for (int c = 0; c < 3; c++) {
            final int[] last = {0, 0};
            for (int i = 0; i < takenCount[c]; i++) {
                final int e = taken[c][i];
                final int p = producerOf(e);
                if (e < last[p]) {
                    violations++;
                }
                last[p] = Math.max(last[p], e);
            }
        }
        // The drain runs after both actors: nothing left behind may precede, in its producer's
        // order, an element of the same producer that an actor already took.
        final int[] latestTakenByActors = {0, 0};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < takenCount[c]; i++) {
                final int e = taken[c][i];
                latestTakenByActors[producerOf(e)] = Math.max(latestTakenByActors[producerOf(e)], e);
            }
        }
        for (int i = 0; i < takenCount[DRAIN]; i++) {
            final int e = taken[DRAIN][i];
            if (e < latestTakenByActors[producerOf(e)]) {
                violations++;
            }
        }
        return violations;
    }
}
