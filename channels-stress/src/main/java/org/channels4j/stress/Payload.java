package org.channels4j.stress;

import org.openjdk.jcstress.infra.results.III_Result;

/**
 * An element whose fields are plain and non-final, so that only the channel's own
 * publication (a release store paired with an acquire load) makes them visible to the
 * consumer. A consumer that sees {@code 0}s, or no element at all behind a published slot,
 * has caught a publication bug.
 */
public final class Payload {
    public int a;
    public int b;
    public int c;

    public Payload(int a, int b, int c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** The canonical payload the visibility tests publish. */
    public static Payload oneTwoThree() {
        return new Payload(1, 2, 3);
    }

    /**
     * Records what a consumer saw: the fields of a payload, {@code -1, -1, -1} for
     * {@code empty}, and {@code 0, 0, 0} for anything else (null, a marker).
     */
    public static void record(Object seen, Object empty, III_Result r) {
        if (seen instanceof Payload p) {
            r.r1 = p.a;
            r.r2 = p.b;
            r.r3 = p.c;
        } else if (seen == empty) {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = -1;
        } else {
            r.r1 = 0;
            r.r2 = 0;
            r.r3 = 0;
        }
    }
}
