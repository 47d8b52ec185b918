package org.channels4j.soak;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;

/**
 * The wind-down's check for lost wake-ups of blocked workers, run by the coordinator after the
 * traffic phase and before it drains anything. During the traffic a lost wake-up is made good
 * by the next interrupt or the next arrival on the channel; here nothing interrupts or closes,
 * and the workers, once their last traffic operation is over, only wait to receive (a
 * {@code receive}, a select receiving from every channel, or an iteration, on open channels;
 * {@link Worker#waiting()} says which) until the check is done. So a worker left waiting
 * while its channel could serve it stays that way, and is seen.
 *
 * <ol>
 *   <li><b>Settle.</b> Wait until every live worker waits without a bound and nothing has
 *       changed for {@link #SETTLE_NANOS} (the elements left from the traffic are received
 *       meanwhile, and the senders still waiting are met).</li>
 *   <li><b>Ready but waiting.</b> A worker fails the round if it stays in one operation for
 *       {@link #GRACE_NANOS} while one of its clauses can proceed all along: a receive clause
 *       on a channel that holds elements or is closed, or on an unbuffered channel another
 *       worker waits to send on; a send clause on a closed channel, on a bounded channel with
 *       room or one that never blocks a sender, or on an unbuffered channel another worker
 *       waits to receive from. This is checked before every probe and at the end.</li>
 *   <li><b>Probe.</b> When no clause is ready and every live worker waits (a worker between
 *       two operations could take the element and hide a lost wake-up), the coordinator sends
 *       one fresh ledger element with {@code trySend} on a channel a waiting receiver waits on,
 *       taking the workers and their channels in turn; on an unbuffered channel with the grace
 *       period as the timeout, and a probe that times out while the worker still waits there
 *       fails the round. An element that nobody takes is then caught by step 2. Probes go on for
 *       a fortieth of the round's traffic time (at least one, if any worker waits to
 *       receive): 2.5 % of the round's time, plus the settling.</li>
 * </ol>
 * A failure is reported through the {@link Soak}'s stuck handler with the worker, its
 * operation, the channel and a thread dump, and counts as {@code stuck}. Probe elements are
 * accepted in the coordinator's log ({@link Op#WAKE_PROBE}), so the ledger accounts for them
 * like any other. What the check cannot see: a lost wake-up that the traffic made good (it
 * only delays), and one in a select that also waits on a timer.
 */
final class WakeCheck {
    /** How long a ready clause may stay untaken, and an unbuffered probe may wait. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long nothing may change before the workers count as settled. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long POLL_NANOS = 50_000;

    /** What the check does when it finds a lost wake-up: report and end the run. */
    interface StuckHandler {
        void stuck(String why, String threadDump);
    }

    private final Round round;
    private final RoundChannels channels;
    private final List<Worker> workers;
    private final List<Thread> threads;
    private final OperationLog coordinator;
    private final StuckHandler onStuck;
    private final long sender = Worker.newSender();
    private long sequence;
    private int probes;

    WakeCheck(Round round, List<Worker> workers, List<Thread> threads, OperationLog coordinator, StuckHandler onStuck) {
        this.round = round;
        this.channels = round.channels();
        this.workers = workers;
        this.threads = threads;
        this.coordinator = coordinator;
        this.onStuck = onStuck;
    }

    /**
     * Runs the check: settles, then probes for {@code probeNanos} (at least one probe if any
     * worker waits to receive), then waits until nothing ready is left untaken.
     */
    void run(long probeNanos) throws InterruptedException {
        settle();
        final long probeUntil = System.nanoTime() + probeNanos;
        Map<Waiting, Long> readySince = new IdentityHashMap<>();
        for (;;) {
            final Waiting[] waits = snapshot();
            final long now = System.nanoTime();
            final Map<Waiting, Long> stillReady = new IdentityHashMap<>();
            for (int w = 0; w < waits.length; w++) {
                if (waits[w] == null) {
                    continue;
                }
                final String ready = whyReady(w, waits);
                if (ready != null) {
                    final Long since = readySince.getOrDefault(waits[w], now);
                    stillReady.put(waits[w], since);
                    if (now - since >= GRACE_NANOS && workers.get(w).waiting() == waits[w]) {
                        lostWakeUp(w, waits[w], ready + ", for " + seconds(now - since) + " s");
                    }
                }
            }
            readySince = stillReady;
            if (!readySince.isEmpty()) {
                LockSupport.parkNanos(POLL_NANOS);
                continue;
            }
            final long over = System.nanoTime() - probeUntil;
            if (over >= 0 && (probes > 0 || over >= GRACE_NANOS)) {
                return; // the budget is spent (or, with no probe, some worker never came to wait)
            }
            if (!allWaiting(waits)) {
                // a worker between two operations could take a probe whose wake-up was lost
                LockSupport.parkNanos(POLL_NANOS);
                continue;
            }
            if (!probeOne(waits)) {
                if (System.nanoTime() - probeUntil >= 0) {
                    return;
                }
                LockSupport.parkNanos(POLL_NANOS); // the workers are between two waits
            }
        }
    }

    /** Waits until every live worker waits without a bound, and nothing changed for a while. */
    private void settle() {
        Waiting[] last = snapshot();
        long progress = round.tally().progress();
        long stableSince = System.nanoTime();
        for (;;) {
            LockSupport.parkNanos(POLL_NANOS);
            final Waiting[] now = snapshot();
            boolean changed = round.tally().progress() != progress;
            for (int w = 0; w < now.length && !changed; w++) {
                changed = now[w] != last[w] || now[w] == null && threads.get(w).isAlive();
            }
            if (changed) {
                last = now;
                progress = round.tally().progress();
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= SETTLE_NANOS) {
                return;
            }
        }
    }

    /** Whether every live worker waits. */
    private boolean allWaiting(Waiting[] waits) {
        for (int w = 0; w < waits.length; w++) {
            if (waits[w] == null && threads.get(w).isAlive()) {
                return false;
            }
        }
        return true;
    }

    private Waiting[] snapshot() {
        final Waiting[] waits = new Waiting[workers.size()];
        for (int w = 0; w < waits.length; w++) {
            waits[w] = workers.get(w).waiting();
        }
        return waits;
    }

    /** Why worker {@code w}'s wait has a clause that can proceed now, or null if none can. */
    private String whyReady(int w, Waiting[] waits) {
        for (int c : waits[w].receives()) {
            final Channel<Long> ch = channels.channel(c);
            if (ch.isClosedForSend()) {
                return "it waits to receive from " + channels.describe(c) + ", which is closed";
            }
            if (channels.kind(c) == ChannelKind.UNBUFFERED) {
                final int other = waitingOn(waits, w, c, true);
                if (other >= 0) {
                    return "it waits to receive from " + channels.describe(c) + ", on which " + workers.get(other).name()
                            + " waits to send (in " + waits[other].op() + ")";
                }
            } else if (ch.size() > 0) {
                return "it waits to receive from " + channels.describe(c) + ", which holds " + elements(ch.size());
            }
        }
        for (int c : waits[w].sends()) {
            final Channel<Long> ch = channels.channel(c);
            final ChannelKind kind = channels.kind(c);
            if (ch.isClosedForSend()) {
                return "it waits to send to " + channels.describe(c) + ", which is closed";
            }
            if (kind == ChannelKind.UNBUFFERED) {
                final int other = waitingOn(waits, w, c, false);
                if (other >= 0) {
                    return "it waits to send to " + channels.describe(c) + ", from which " + workers.get(other).name()
                            + " waits to receive (in " + waits[other].op() + ")";
                }
            } else if (kind.neverFull() || ch.size() < ch.capacity()) {
                return "it waits to send to " + channels.describe(c) + ", which holds " + ch.size() + " of "
                        + (kind.neverFull() ? "any number of" : ch.capacity()) + " elements";
            }
        }
        return null;
    }

    /** Another worker whose wait has a send ({@code sending}) or receive clause on {@code c}, or -1. */
    private static int waitingOn(Waiting[] waits, int except, int c, boolean sending) {
        for (int w = 0; w < waits.length; w++) {
            if (w != except && waits[w] != null) {
                for (int on : sending ? waits[w].sends() : waits[w].receives()) {
                    if (on == c) {
                        return w;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Sends a fresh element on an open channel some worker waits to receive from; returns
     * false if no worker waits to receive from an open channel.
     */
    private boolean probeOne(Waiting[] waits) throws InterruptedException {
        for (int k = 0; k < waits.length; k++) {
            final int w = (probes + k) % waits.length; // probe each worker in turn
            final Waiting wait = waits[w];
            if (wait == null || wait.receives().length == 0) {
                continue;
            }
            // rotate among the worker's channels, so that a select on every channel has each probed
            for (int j = 0; j < wait.receives().length; j++) {
                final int c = wait.receives()[(probes + j) % wait.receives().length];
                if (!channels.channel(c).isClosedForSend()) {
                    probe(w, wait, c);
                    return true;
                }
            }
        }
        return false;
    }

    private void probe(int w, Waiting wait, int c) throws InterruptedException {
        probes++;
        final long id = sender << 32 | ++sequence;
        final Channel<Long> ch = channels.channel(c);
        final boolean unbuffered = channels.kind(c) == ChannelKind.UNBUFFERED;
        final long start = System.nanoTime();
        try {
            if (unbuffered ? ch.trySend(id, Duration.ofNanos(GRACE_NANOS)) : ch.trySend(id)) {
                coordinator.accepted(c, Op.WAKE_PROBE, id);
                round.tally().accepted();
                return;
            }
            coordinator.refused(c, Op.WAKE_PROBE, Outcome.RETURNED_FALSE, id);
        } catch (ChannelClosedException e) {
            coordinator.refused(c, Op.WAKE_PROBE, Outcome.CLOSED, id);
            coordinator.sawCause(c, e.getCause());
            return;
        }
        // a buffered channel refused: full or closed, which the next pass looks at
        if (unbuffered && workers.get(w).waiting() == wait && !ch.isClosedForSend()) {
            lostWakeUp(w, wait, "a trySend on " + channels.describe(c) + " found no receiver for "
                    + seconds(System.nanoTime() - start) + " s while it waited to receive from it");
        }
    }

    private void lostWakeUp(int w, Waiting wait, String why) {
        final Worker worker = workers.get(w);
        onStuck.stuck("lost wake-up: " + worker.name() + " has been in " + wait.op() + " for "
                + seconds(System.nanoTime() - wait.sinceNanos()) + " s; " + why + " (nothing interrupts or closes in the"
                + " wind-down, and it stayed in this operation)", Watchdog.threadDump());
    }

    private static String elements(int n) {
        return n == 1 ? "1 element" : n + " elements";
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
