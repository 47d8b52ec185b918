package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code Selection.pollBeforeRegistering}: a receive whose poll read "ready" but whose attempt
 * then found nothing (another receiver took the element in between) goes on to register and
 * wait; it does not report the lost race. jcstress cannot aim at that window, a few
 * nanoseconds between one read and one CAS, so this test builds it: a channel that always
 * reads ready and whose first attempt finds nothing.
 */
class PollBeforeRegisteringTest {

    /** Reads ready always; the first attempt loses, later ones take "x". Registers nothing. */
    private static final class LosesTheFirstAttempt extends StubReceiveChannel {
        int attempts;
        int registrations;

        @Override
        boolean pollsBeforeRegistering() {
            return true;
        }

        @Override
        Object receiveAttempt() {
            return attempts++ == 0 ? Clause.NOT_READY : "x";
        }

        @Override
        boolean receiveReady(WaitNode own) {
            return true;
        }

        @Override
        void registerReceiver(WaitNode node) {
            registrations++;
        }
    }

    @Test
    void aLostRaceInThePollRegistersAndTriesAgain() throws InterruptedException {
        assumeTrue(SpinBudget.POLLS_BEFORE_REGISTERING > 0, "a single CPU does not poll");
        final LosesTheFirstAttempt ch = new LosesTheFirstAttempt();
        final Object r = Selection.awaitReceive(ch, false, 0L);
        assertEquals("x", r, "the receive that lost the polled element went on and got the next one");
        assertEquals(1, ch.registrations, "it registered after the lost race");
        assertEquals(2, ch.attempts, "the polled attempt, then the attempt after the ready re-check");
    }
}
