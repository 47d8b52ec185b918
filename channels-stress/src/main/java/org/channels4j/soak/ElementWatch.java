package org.channels4j.soak;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Weak references to a sample of the elements the workers send, checked between rounds: an
 * element of a round that is over, still reachable after full collections, is kept by
 * something that outlives its channels, such as a static structure of the library, or a thread
 * or task of it that outlives the round. The {@link HeapSampler} cannot see
 * such a leak in a short run: a planted static list that kept every buffered element grew the
 * retained heap from 2.7 to 18.9 MiB in 20 seconds and still read "flat". A leak that ends with
 * its channel (a buffer slot that is never cleared) is not this check's: the channels of a
 * round are gone when it looks ({@code ElementAndNodeRetentionTest} covers those).
 *
 * <p><b>When.</b> The coordinator calls {@link #check} right after each of the heap sampler's
 * full collections, between rounds, with the number of the round just finished. That round's
 * elements may still be reachable (its {@link Ledger} keeps the ones handed to a handler until
 * the next round replaces it), so only earlier rounds' are judged.
 *
 * <p><b>Rule.</b> An element is <em>retained</em> when it was still reachable at two checks: a
 * weak referent that only weak references reach is cleared by a full collection, so once is
 * already a strong reference; twice rules out a holder caught passing it on at one collection
 * (two checks after the same round count once). Any retained element fails the run.
 *
 * <p>The rule needs {@link System#gc()} to collect: with {@code -XX:+DisableExplicitGC} every
 * element of an old generation would read as retained, so the watch then judges nothing and
 * says so.
 */
final class ElementWatch {
    /** A worker watches one of this many of the elements it sends ({@link Worker#send}). */
    static final int EVERY = 64;
    /** At most this many watched at once, so the watch stays small whatever the rate; more are skipped and counted. */
    private static final int CAPACITY = 200_000;
    private static final int EXAMPLES = 5;

    private static final class Watched {
        final int round;
        final long id;
        final WeakReference<Long> element;
        int seen; // checks that found it reachable; written by the coordinator only

        Watched(int round, Long element) {
            this.round = round;
            this.id = element;
            this.element = new WeakReference<>(element);
        }
    }

    private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private long collected;
    /** The round the last check came after: a second check after it does not count again. */
    private int lastFinished = -1;
    private final boolean judging = !explicitGcDisabled();

    private static boolean explicitGcDisabled() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("DisableExplicitGC").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }

    /** Watches {@code element}, sent in round {@code round}; any thread. */
    void watch(int round, Long element) {
        if (size.incrementAndGet() > CAPACITY) {
            size.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        watched.add(new Watched(round, element));
    }

    /**
     * After a full collection, between rounds: drops the collected elements of rounds before
     * {@code finished} and returns a description of each (up to a few) seen reachable at two
     * checks; empty when none is retained. Coordinator only.
     */
    List<String> check(int finished) {
        final List<String> retained = new ArrayList<>();
        if (!judging) {
            return retained;
        }
        final boolean again = finished == lastFinished;
        lastFinished = finished;
        int count = 0;
        for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
            final Watched w = it.next();
            if (w.round >= finished) {
                continue;
            }
            if (w.element.refersTo(null)) {
                it.remove();
                size.decrementAndGet();
                collected++;
            } else if (!again && ++w.seen >= 2 && count++ < EXAMPLES) {
                retained.add("element " + w.id + " (sender " + (w.id >>> 32) + ", #" + (w.id & 0xffffffffL)
                        + ") of round " + w.round + " still reachable after round " + finished + ", at two full GCs");
            }
        }
        if (count > EXAMPLES) {
            retained.add("and " + (count - EXAMPLES) + " more");
        }
        return retained;
    }

    /** "7012 sampled elements of finished rounds collected, none retained", or why nothing was judged. */
    String describe() {
        if (!judging) {
            return "sampled elements not judged: -XX:+DisableExplicitGC, System.gc() does not collect";
        }
        return collected + " sampled elements of finished rounds collected, none retained"
                + (skipped.get() == 0 ? "" : " (" + skipped.get() + " not watched: the watch was full)");
    }
}
