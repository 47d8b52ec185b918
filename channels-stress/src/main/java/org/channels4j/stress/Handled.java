package org.channels4j.stress;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * An {@code onUndelivered} handler for the lifecycle tests ({@link LifecycleStress},
 * {@link DropChainStress}, {@code HeldCancelStress}, {@code org.channels4j.impl.UnboundedCancelStress}):
 * counts its calls per element, elements 1 to 4, anything else (null included) counted as 9.
 */
public final class Handled {
    private final AtomicIntegerArray counts = new AtomicIntegerArray(10);

    /** The handler: counts one call for {@code e}. */
    public void add(Integer e) {
        counts.incrementAndGet(e != null && e >= 1 && e <= 4 ? e : 9);
    }

    /** The calls made for element {@code e} (1 to 4, or 9 for anything else). */
    public int count(int e) {
        return counts.get(e);
    }

    /** The one element handed over, 0 for none, -9 if more than one call was made. */
    public int single() {
        int found = 0;
        for (int e = 1; e < 10; e++) {
            for (int n = counts.get(e); n > 0; n--) {
                if (found != 0) {
                    return -9;
                }
                found = e;
            }
        }
        return found;
    }

    /**
     * The elements handed over, as digits in ascending order, one per call (at most three of
     * each); 0 for none: {@code 13} is 1 and 3 once each, {@code 11} is 1 twice.
     */
    public int code() {
        int code = 0;
        for (int e = 1; e < 10; e++) {
            for (int n = Math.min(counts.get(e), 3); n > 0; n--) {
                code = code * 10 + e;
            }
        }
        return code;
    }
}
