package org.channels4j.soak;

/**
 * What a {@link Worker} publishes while it is in an operation that can wait without a bound:
 * the channels (indexes in {@link RoundChannels}) it waits to receive from and to send to, and
 * since when. A fresh instance per operation, so that the {@link WakeCheck} can tell by
 * identity whether a worker is still in the same operation.
 *
 * @param op the operation, for reports: {@code receive}, {@code send}, {@code iterator},
 *     {@code stream}, {@code select}, ...
 * @param receives the channels of its receive clauses
 * @param sends the channels of its send clauses
 * @param sinceNanos when it started, by {@link System#nanoTime()}
 */
record Waiting(String op, int[] receives, int[] sends, long sinceNanos) {
    static final int[] NONE = {};

    Waiting(String op, int[] receives, int[] sends) {
        this(op, receives, sends, System.nanoTime());
    }
}
