package org.channels4j.impl;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The workload of {@link DependentWaitTest}, run in a JVM whose virtual-thread scheduler has one
 * carrier: a virtual thread starts a second one, which can then run only when the first leaves
 * the carrier, and waits {@code 100 * SPINS} rounds of {@link DependentWait#pause}. Then it
 * yields, which must let the second one run: that shows the observation can see a yield.
 *
 * <p>Prints {@code virtual=<b> ranDuringWait=<b> ranAfterYield=<b>}.
 */
public final class DependentWaitCarrierMain {
    private DependentWaitCarrierMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        final String[] line = new String[1];
        final Thread waiter = Thread.ofVirtual().name("dependent waiter").start(() -> {
            final AtomicBoolean otherRan = new AtomicBoolean();
            Thread.ofVirtual().name("queued behind it").start(() -> otherRan.set(true));
            int rounds = 0;
            while (rounds < 100 * DependentWait.SPINS) {
                rounds = DependentWait.pause(rounds);
            }
            final boolean ranDuringWait = otherRan.get();
            for (int i = 0; i < 10_000 && !otherRan.get(); i++) {
                Thread.yield();
            }
            line[0] = "virtual=" + Thread.currentThread().isVirtual() + " ranDuringWait=" + ranDuringWait
                    + " ranAfterYield=" + otherRan.get();
        });
        waiter.join();
        System.out.println(line[0]);
    }
}
