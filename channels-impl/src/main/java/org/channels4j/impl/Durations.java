package org.channels4j.impl;

import java.time.Duration;
import java.util.Objects;

/** Turns timeout arguments into nanoseconds, failing fast on bad ones. */
final class Durations {
    /** Timeouts this long or longer are treated as "wait forever": deadlines would overflow. */
    static final long FOREVER = Long.MAX_VALUE >> 1;

    private Durations() {
    }

    /**
     * @return the timeout in nanoseconds, saturated at {@link #FOREVER}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is negative
     */
    static long toNanos(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + timeout);
        }
        if (timeout.compareTo(Duration.ofNanos(FOREVER)) >= 0) {
            return FOREVER;
        }
        return timeout.toNanos();
    }
}
