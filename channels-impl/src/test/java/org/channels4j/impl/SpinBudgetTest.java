package org.channels4j.impl;

import static org.channels4j.impl.SpinBudget.OTHERS_PARTNER;
import static org.channels4j.impl.SpinBudget.OWN_PARTNER;
import static org.channels4j.impl.SpinBudget.PLATFORM_PROBE;
import static org.channels4j.impl.SpinBudget.USUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link SpinBudget}: which budget a wait spins on ({@link SpinBudget#kind}), and how the three
 * budgets move. The usual one never drops below a floor; the two used behind a queued partner
 * ({@link CarrierHandoff}) drop to no spin at all and then probe; each moves alone.
 */
class SpinBudgetTest {

    @Test
    void theUsualBudgetHalvesToAFloorAndDoublesToTheCeiling() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final SpinBudget b = new SpinBudget();
        for (int i = 0; i < 32; i++) {
            b.record(USUAL, false);
        }
        final int floor = b.spins(USUAL);
        assertTrue(floor > 0, "the usual budget keeps spinning a little: " + floor);
        for (int i = 0; i < 32; i++) {
            assertEquals(floor, b.spins(USUAL), "no probing at the floor");
        }
        for (int i = 0; i < 32; i++) {
            b.record(USUAL, true);
        }
        assertEquals(SpinBudget.MAX_SPINS, b.spins(USUAL));
    }

    @Test
    void behindOwnPartnerTheBudgetReachesZeroAndStillProbes() {
        reachesZeroAndStillProbes(OWN_PARTNER, OTHERS_PARTNER);
    }

    @Test
    void behindAnotherWaitersPartnerTheBudgetReachesZeroAndStillProbes() {
        reachesZeroAndStillProbes(OTHERS_PARTNER, OWN_PARTNER);
    }

    private static void reachesZeroAndStillProbes(int kind, int other) {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final SpinBudget b = new SpinBudget();
        final int otherBefore = b.spins(other);
        for (int i = 0; i < 32; i++) {
            b.record(kind, false);
        }
        // probes that do not pay come ever further apart: 16, 32, 64, 128, 256, 256 waits
        assertEquals(List.of(16, 48, 112, 240, 496, 752, 1008), probesAtZero(b, kind, 1008),
                "at zero, the gap between probes doubles from PROBE_EVERY up to PROBE_GAP_MAX");
        b.record(kind, true);
        assertTrue(b.spins(kind) > 0, "a probe that paid restarts the spin");
        for (int i = 0; i < 32; i++) {
            b.record(kind, false);
        }
        assertEquals(List.of(16, 48), probesAtZero(b, kind, 48),
                "and starts the probes over: back at zero, the first comes after PROBE_EVERY waits again");
        b.record(kind, true);
        for (int i = 0; i < 32; i++) {
            b.record(kind, true);
        }
        assertEquals(SpinBudget.MAX_SPINS, b.spins(kind));
        assertEquals(otherBefore, b.spins(other), "the other partner budget is a separate one");
        assertEquals(SpinBudget.MAX_SPINS >> 2, b.spins(USUAL), "the usual budget is a separate one");
    }

    /**
     * With more than one carrier a probe at a zero partner budget spins the whole
     * {@link SpinBudget#MAX_SPINS}, long enough for an idle carrier to wake and steal the
     * partner, and a probe that paid sets the budget to that; on one carrier, where nothing
     * steals the partner, a probe stays short. The rule, and the value this JVM's scheduler
     * gives it.
     */
    @Test
    void aProbeAtZeroOutlastsACarriersWakeUpWhenThereIsAnotherCarrier() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        assertEquals(SpinBudget.MAX_SPINS, SpinBudget.partnerProbeSpins(2));
        assertEquals(16, SpinBudget.partnerProbeSpins(1), "one carrier: a short probe");
        final int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        assertEquals(carriers, SpinBudget.CARRIERS);
        assertEquals(SpinBudget.partnerProbeSpins(carriers), SpinBudget.PARTNER_PROBE_SPINS);
        for (int kind : new int[] {OWN_PARTNER, OTHERS_PARTNER}) {
            final SpinBudget b = new SpinBudget();
            for (int i = 0; i < 32; i++) {
                b.record(kind, false);
            }
            int probe = 0;
            for (int i = 0; i < SpinBudget.PROBE_EVERY && probe == 0; i++) {
                probe = b.spins(kind);
            }
            assertEquals(SpinBudget.PARTNER_PROBE_SPINS, probe, "the probe's length");
            b.record(kind, true);
            assertEquals(Math.max(SpinBudget.PARTNER_PROBE_SPINS, 16), b.spins(kind),
                    "a probe that paid sets the budget to its own length");
        }
    }

    /** The waits, counted from 1, among the next {@code waits} on {@code kind} that probe. */
    private static List<Integer> probesAtZero(SpinBudget b, int kind, int waits) {
        final List<Integer> at = new ArrayList<>();
        for (int i = 1; i <= waits; i++) {
            if (b.spins(kind) > 0) {
                at.add(i);
                b.record(kind, false); // it did not pay
            }
        }
        return at;
    }

    @Test
    void thePollBeforeRegisteringIsCappedByTheBudgetAndNeverProbes() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final SpinBudget b = new SpinBudget();
        assertEquals(SpinBudget.POLLS_BEFORE_REGISTERING, b.pollsBeforeRegistering(USUAL), "capped at its own bound");
        for (int i = 0; i < 32; i++) {
            b.record(USUAL, false);
        }
        assertEquals(Math.min(SpinBudget.POLLS_BEFORE_REGISTERING, b.spins(USUAL)), b.pollsBeforeRegistering(USUAL),
                "capped by a smaller usual budget");
        for (int i = 0; i < 32; i++) {
            b.record(OWN_PARTNER, false);
        }
        for (int i = 0; i < 4 * SpinBudget.PROBE_EVERY; i++) {
            assertEquals(0, b.pollsBeforeRegistering(OWN_PARTNER), "at zero it polls not at all, not even as a probe");
        }
    }

    @Test
    void aPlatformThreadSpinsTheUsualBudgetAndAtTheFloorProbesWithTheWholeSpin() {
        assumeTrue(SpinBudget.MAX_SPINS > 0, "a single CPU never spins");
        final ThreadRecord self = new ThreadRecord(Thread.ofPlatform().unstarted(() -> { }));
        final ThreadRecord partner = virtualRecord();
        self.rememberWoken(partner, partner.resumeParity());
        final SpinBudget b = new SpinBudget();
        assertEquals(USUAL, b.kind(self, true), "above the floor, the usual budget");
        for (int i = 0; i < 32; i++) {
            b.record(USUAL, false);
        }
        final int floor = b.spins(USUAL);
        assertTrue(floor > 0 && floor < SpinBudget.MAX_SPINS, "at the floor: " + floor);
        int probes = 0;
        for (int i = 0; i < 10 * SpinBudget.FLOOR_PROBE_EVERY; i++) {
            final int kind = b.kind(self, true);
            final int spins = b.spins(kind);
            if (kind == PLATFORM_PROBE) {
                probes++;
                assertEquals(SpinBudget.MAX_SPINS, spins, "a probe spins the whole budget");
                assertEquals(Math.min(SpinBudget.POLLS_BEFORE_REGISTERING, floor), b.pollsBeforeRegistering(kind),
                        "and polls as usual");
            } else {
                assertEquals(USUAL, kind);
                assertEquals(floor, spins, "between probes, the floor");
            }
            b.record(kind, false); // nothing pays: the budget stays at the floor
        }
        assertEquals(10, probes, "one wait in FLOOR_PROBE_EVERY probes");
        final ThreadRecord virtual = virtualRecord();
        for (int i = 0; i < 4 * SpinBudget.FLOOR_PROBE_EVERY; i++) {
            assertEquals(USUAL, b.kind(virtual, true), "a virtual thread's wait at the floor never probes");
        }
        int kind;
        do {
            kind = b.kind(self, true);
            b.record(kind, kind == PLATFORM_PROBE); // only the probe pays
        } while (kind != PLATFORM_PROBE);
        assertEquals(SpinBudget.MAX_SPINS, b.spins(USUAL), "a probe that paid sets the usual budget to its spin");
        assertEquals(USUAL, b.kind(self, true), "and above the floor there is no probe");
    }

    @Test
    void aWakerIsBehindItsOwnQueuedPartnerOnceAndPublishesIt() {
        final SpinBudget b = new SpinBudget();
        final ThreadRecord partner = virtualRecord();
        partner.resumed(); // an odd count: a budget that kept no parity, or the wrong one, would show
        final ThreadRecord waker = wokeAndWaits(partner);
        final ThreadRecord other = virtualRecord();
        assertEquals(USUAL, b.kind(other, true), "nothing published yet");
        assertEquals(OWN_PARTNER, b.kind(waker, true));
        assertEquals(OTHERS_PARTNER, b.kind(waker, true), "forgotten as its own, still published for everyone");
        assertEquals(OTHERS_PARTNER, b.kind(other, true), "another waiter is behind the same queued partner");
        assertEquals(OTHERS_PARTNER, b.kind(other, true), "and stays so until it runs");
        partner.resumed();
        assertEquals(USUAL, b.kind(other, true), "the partner ran");
    }

    @Test
    void aPartnerThatRanTwiceIsNotQueued() {
        final SpinBudget b = new SpinBudget();
        final ThreadRecord partner = virtualRecord();
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(partner), true));
        partner.resumed();
        partner.resumed(); // the parity is back where it was: only the exact count can tell
        assertEquals(USUAL, b.kind(virtualRecord(), true));
    }

    @Test
    void aPartnerThatRanBeforeTheWaitIsNeitherOwnNorPublished() {
        final SpinBudget b = new SpinBudget();
        final ThreadRecord partner = virtualRecord();
        final ThreadRecord waker = wokeAndWaits(partner);
        partner.resumed();
        assertEquals(USUAL, b.kind(waker, true));
        assertEquals(USUAL, b.kind(virtualRecord(), true));
    }

    @Test
    void aSelectOverSeveralChannelsNeitherPublishesNorReads() {
        final SpinBudget b = new SpinBudget();
        final ThreadRecord partner = virtualRecord();
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(partner), false), "its own partner still counts");
        assertEquals(USUAL, b.kind(virtualRecord(), true), "but it was not published");
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(partner), true));
        assertEquals(USUAL, b.kind(virtualRecord(), false), "and a select does not read what was");
    }

    @Test
    void theNewestQueuedPartnerReplacesTheEntry() {
        final SpinBudget b = new SpinBudget();
        final ThreadRecord first = virtualRecord();
        final ThreadRecord second = virtualRecord();
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(first), true));
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(second), true));
        second.resumed();
        assertEquals(USUAL, b.kind(virtualRecord(), true), "the entry named the second partner, which ran");
        assertEquals(OWN_PARTNER, b.kind(wokeAndWaits(first), true));
        assertEquals(OTHERS_PARTNER, b.kind(virtualRecord(), true), "an entry found to have run is replaced");
    }

    private static ThreadRecord virtualRecord() {
        return new ThreadRecord(Thread.ofVirtual().unstarted(() -> { }));
    }

    /** A virtual thread's record that has just unparked {@code partner}, as {@link CarrierHandoff#unparked} records it. */
    private static ThreadRecord wokeAndWaits(ThreadRecord partner) {
        final ThreadRecord waker = virtualRecord();
        waker.rememberWoken(partner, partner.resumeParity());
        return waker;
    }
}
