package org.channels4j.jmh;

import java.util.concurrent.TimeUnit;

/**
 * The platform thread on the other side of a benchmark that measures one blocking operation
 * from the JMH thread: it repeats one blocking step until the trial ends and interrupts it.
 */
final class PartnerThread {
    /** One blocking step of the partner, such as a send to the channel the benchmark receives from. */
    interface Step {
        void run() throws InterruptedException;
    }

    private final Thread thread;

    private PartnerThread(String name, Step step) {
        thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                for (;;) {
                    step.run();
                }
            } catch (InterruptedException stop) {
                // the trial is over
            }
        });
    }

    /** Starts a daemon platform thread named {@code name} that runs {@code step} until {@link #stop}. */
    static PartnerThread start(String name, Step step) {
        return new PartnerThread(name, step);
    }

    /** Interrupts the partner and waits for it to end (10 s at most). */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
