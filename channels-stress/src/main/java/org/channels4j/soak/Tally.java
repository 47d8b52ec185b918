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
    private final LongAdder contextCancels = new LongAdder();
    private final LongAdder groups = new LongAdder();
    private final LongAdder groupFailures = new LongAdder();
    private final LongAdder groupInterrupts = new LongAdder();
    private final LongAdder flowSubscriptions = new LongAdder();
    private final LongAdder flowElements = new LongAdder();
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

    /** The fault injector cancelled a round's context mid-traffic. */
    void contextCancelled() {
        contextCancels.increment();
    }

    /**
     * A round's {@link GroupCrew} finished; {@code failed} if one of its tasks failed,
     * {@code interrupted} tasks ended by rethrowing the interrupt the failure sent them.
     */
    void groupFinished(boolean failed, int interrupted) {
        groups.increment();
        groupInterrupts.add(interrupted);
        if (failed) {
            groupFailures.increment();
        }
    }

    /** A {@link FlowConsumer} subscribed. */
    void flowSubscribed() {
        flowSubscriptions.increment();
    }

    /** A {@link FlowConsumer} got an element by {@code onNext} (counted as received too). */
    void flowDelivered() {
        flowElements.increment();
        progress.increment();
    }

    long flowSubscriptions() {
        return flowSubscriptions.sum();
    }

    long flowElements() {
        return flowElements.sum();
    }

    long contextCancels() {
        return contextCancels.sum();
    }

    long groups() {
        return groups.sum();
    }

    long groupInterrupts() {
        return groupInterrupts.sum();
    }

    long groupFailures() {
        return groupFailures.sum();
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
