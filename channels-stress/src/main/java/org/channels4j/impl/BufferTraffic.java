package org.channels4j.impl;

import org.channels4j.stress.DeliveryLedger;
import org.channels4j.stress.Waits;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * The workload of the "no loss, no duplication" tests of the {@link ElementBuffer}s: each of
 * two actors alternately offers one of its own elements and polls once, so the two actors
 * are at once two producers racing each other and two consumers racing each other; the
 * arbiter drains the rest and judges with a {@link DeliveryLedger}.
 */
final class BufferTraffic {
    /** Offer-then-poll rounds per actor. */
    static final int ROUNDS = 2;

    private BufferTraffic() {
    }

    static void offerAndPoll(ElementBuffer buffer, DeliveryLedger ledger, int actor) {
        for (int round = 0; round < ROUNDS; round++) {
            final int e = ledger.element(actor, round);
            if (buffer.offer(e) == ElementBuffer.OK) {
                ledger.accepted(e);
            }
            final Object seen = buffer.poll();
            if (seen != ElementBuffer.EMPTY) {
                ledger.taken(actor, seen);
            }
        }
    }

    static void drainAndJudge(ElementBuffer buffer, DeliveryLedger ledger, IIIII_Result r) {
        for (int i = 0; i <= 2 * ROUNDS; i++) { // bounded: a broken buffer must not hang the arbiter
            final Object seen = buffer.poll();
            if (seen == ElementBuffer.EMPTY) {
                break;
            }
            ledger.taken(DeliveryLedger.DRAIN, seen);
        }
        ledger.verdict(r);
    }

    /**
     * Polls until something other than EMPTY comes back, giving up after
     * {@link Waits#LIVENESS}: a consumer hammering the slot is the one most likely to catch an
     * element published before it is complete.
     */
    static Object pollUntilPresent(ElementBuffer buffer) {
        final long start = System.nanoTime();
        for (int spins = 0; ; spins++) {
            final Object seen = buffer.poll();
            if (seen != ElementBuffer.EMPTY
                    || ((spins & 0x3ff) == 0 && System.nanoTime() - start > Waits.LIVENESS.toNanos())) {
                return seen;
            }
            Thread.onSpinWait();
        }
    }

    /** A poll's result as an int: the element, -1 for EMPTY, -2 for DRAINED, -3 otherwise. */
    static int code(Object polled) {
        if (polled instanceof Integer e) {
            return e;
        }
        if (polled == ElementBuffer.EMPTY) {
            return -1;
        }
        return polled == ElementBuffer.DRAINED ? -2 : -3;
    }
}
