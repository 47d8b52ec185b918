package org.channels4j.soak;

import java.util.concurrent.atomic.LongAdder;

/**
 * The run's counters for the summary line, and the progress count the {@link Watchdog}
 * watches. Striped adders, so that counting does not serialize the workers it counts.
 */
final class Tally {
    private final LongAdder messages = new LongAdder();
    private final LongAdder selects = new LongAdder();
    private final LongAdder interrupts = new LongAdder();
    private final LongAdder closes = new LongAdder();
    /** Elements accepted or received, plus the coordinator's round boundaries. */
    private final LongAdder progress = new LongAdder();

    void accepted() {
        messages.increment();
        progress.increment();
    }

    void received() {
        progress.increment();
    }

    void selected() {
        selects.increment();
    }

    void interrupted() {
        interrupts.increment();
    }

    void closed() {
        closes.increment();
    }

    /** The coordinator moved to a new phase: the time it spent checking is not a stall. */
    void heartbeat() {
        progress.increment();
    }

    long progress() {
        return progress.sum();
    }

    long messages() {
        return messages.sum();
    }

    long selects() {
        return selects.sum();
    }

    long interrupts() {
        return interrupts.sum();
    }

    long closes() {
        return closes.sum();
    }
}
