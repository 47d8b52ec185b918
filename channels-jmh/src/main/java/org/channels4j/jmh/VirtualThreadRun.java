package org.channels4j.jmh;

import java.time.Duration;

/**
 * Runs a few tasks on fresh virtual threads and waits for all of them: one invocation of a
 * virtual-thread benchmark. A run that has not finished after {@link #TIMEOUT} has lost a
 * wake-up or deadlocked; it is interrupted and reported as a failure instead of hanging JMH.
 */
final class VirtualThreadRun {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A task that may block. */
    interface Task {
        void run() throws InterruptedException;
    }

    private VirtualThreadRun() {
    }

    static void runAll(String what, Task... tasks) throws InterruptedException {
        Thread[] threads = new Thread[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            Task task = tasks[i];
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // only after a timeout below
                }
            });
        }
        for (Thread t : threads) {
            if (!t.join(TIMEOUT)) {
                for (Thread u : threads) {
                    u.interrupt();
                }
                throw new IllegalStateException(what + " did not finish in " + TIMEOUT + ": lost wake-up or deadlock");
            }
        }
    }
}
