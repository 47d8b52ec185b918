package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SpinBudget}'s two budgets: the usual one never drops below a floor; the one used behind
 * a queued partner ({@link CarrierHandoff}) drops to no spin at all and then probes.
 */
class SpinBudgetTest {

    @Test
    void theUsualBudgetHalvesToAFloorAndDoublesToTheCeiling() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final SpinBudget b = new SpinBudget();
        for (int i = 0; i < 32; i++) {
            b.record(false);
        }
        final int floor = b.spins();
        assertTrue(floor > 0, "the usual budget keeps spinning a little: " + floor);
        for (int i = 0; i < 32; i++) {
            b.record(true);
        }
        assertEquals(SpinBudget.MAX_SPINS, b.spins());
    }

    @Test
    void behindAQueuedPartnerTheBudgetReachesZeroAndStillProbes() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final SpinBudget b = new SpinBudget();
        for (int i = 0; i < 32; i++) {
            b.recordBehindPartner(false);
        }
        int probes = 0;
        for (int i = 0; i < 10 * SpinBudget.PROBE_EVERY; i++) {
            if (b.spinsBehindPartner() > 0) {
                probes++;
            }
        }
        assertEquals(10, probes, "at zero, exactly one wait in PROBE_EVERY polls");
        b.recordBehindPartner(true);
        assertTrue(b.spinsBehindPartner() > 0, "a probe that paid restarts the spin");
        for (int i = 0; i < 32; i++) {
            b.recordBehindPartner(true);
        }
        assertEquals(SpinBudget.MAX_SPINS, b.spinsBehindPartner());
        assertEquals(SpinBudget.MAX_SPINS >> 2, b.spins(), "the usual budget is a separate one");
    }
}
