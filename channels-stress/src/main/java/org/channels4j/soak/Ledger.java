package org.channels4j.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.channels4j.Overflow;

/**
 * The books of one round: every element id accepted by a channel, received from one, or handed
 * to an undelivered-element handler, and every broken promise a worker noticed on the way.
 *
 * <p>The rule it checks at the end of the round, after every channel was closed and drained
 * and every thread joined, is the contract's conservation rule:
 * <pre>
 *   accepted == received + handled, element by element
 * </pre>
 * An element is <em>accepted</em> when its {@code send} returned normally (even if the
 * interrupt status was set afterwards), its {@code trySend} returned {@code true}, or its send
 * clause was the one a select chose. A send that threw, timed out, returned {@code false} or
 * whose clause was not chosen accepted nothing. Then:
 * <ul>
 *   <li><b>lost</b>: accepted, neither received nor handled;</li>
 *   <li><b>doubled</b>: received or handled more than once (each extra delivery counts one);</li>
 *   <li><b>phantom</b>: received or handled, never accepted (for example an element left in
 *       the channel by a send that reported a timeout).</li>
 * </ul>
 * Ids are unique across the whole run ({@link Worker#nextId()}), so an element left over from
 * another round is a phantom too.
 *
 * <p>The <em>handled</em> column is for the kinds whose elements may end in a handler instead
 * of a receiver (drop policies, conflated channels, {@code cancel}): such a
 * {@link ChannelKind} passes {@link #handled} as its handler (the drop kinds {@link #dropped},
 * which also checks which end the policy dropped): the drop kinds, and every
 * buffered kind, whose elements a cancel hands over.
 */
final class Ledger {
    private static final int EXAMPLES = 5;

    private final List<OperationLog> logs = new CopyOnWriteArrayList<>();
    private final Queue<Long> handled = new ConcurrentLinkedQueue<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    /** Elements a drop policy handed over from the wrong end ({@link #dropped}); only the first few are described. */
    private final AtomicInteger wrongEnd = new AtomicInteger();

    /** A log for one thread's operations; the ledger reads it in {@link #check}. */
    OperationLog openLog(String owner, int channels) {
        final OperationLog log = new OperationLog(owner, channels);
        logs.add(log);
        return log;
    }

    /** An undelivered-element handler was given {@code id}; may be called from any thread. */
    void handled(Long id) {
        handled.add(id);
    }

    /**
     * The handler of a channel with a drop policy was given {@code id}: counted as
     * {@link #handled}, and checked against the policy when the calling thread is a
     * {@link Worker} in a send (the handler runs on the sending thread; a cancel's is not
     * checked): {@code DROP_LATEST} must hand over an element that send offers, {@code DROP_OLDEST}
     * one it does not (an element the channel held). So a policy that drops the wrong end fails.
     */
    void dropped(Long id, Overflow policy, String kind) {
        handled.add(id);
        final Worker sender = Worker.current();
        if (sender != null && sender.offering() && sender.offers(id) != (policy == Overflow.DROP_LATEST)
                && wrongEnd.getAndIncrement() < EXAMPLES) {
            violation(sender.name() + ": a send on a " + kind + " channel handed element " + id + ", "
                    + (policy == Overflow.DROP_LATEST ? "not the one it offered, " : "the one it offered, ")
                    + "to the undelivered-element handler");
        }
    }

    /** A broken promise that is not about one element's fate; fails the round. */
    void violation(String what) {
        violations.add(what);
    }

    List<OperationLog> logs() {
        return logs;
    }

    /** The verdict of a round; {@link #problems} is empty when the round kept every promise. */
    record Verdict(long accepted, long delivered, long lost, long doubled, long phantom, long reordered,
                   List<String> problems) {
    }

    /** Balances the books; call only after every thread that writes a log was joined. */
    Verdict check(RoundChannels channels) {
        final long[] accepted = acceptedIds();
        final long[] delivered = deliveredIds();
        Arrays.sort(accepted);
        Arrays.sort(delivered);
        final List<String> problems = new ArrayList<>();
        long lost = 0;
        long doubled = 0;
        long phantom = 0;
        int i = 0;
        int j = 0;
        while (i < accepted.length || j < delivered.length) {
            final long id = i < accepted.length && (j == delivered.length || accepted[i] <= delivered[j])
                    ? accepted[i] : delivered[j];
            int timesAccepted = 0;
            while (i < accepted.length && accepted[i] == id) {
                i++;
                timesAccepted++;
            }
            int timesDelivered = 0;
            while (j < delivered.length && delivered[j] == id) {
                j++;
                timesDelivered++;
            }
            if (timesAccepted > 1) {
                problems.add("element " + id + " was accepted " + timesAccepted + " times (the soak minted it twice)");
            }
            if (timesAccepted > 0 && timesDelivered == 0) {
                if (lost++ < EXAMPLES) {
                    problems.add("lost: element " + id + " " + history(id, channels));
                }
            } else if (timesAccepted > 0 && timesDelivered > 1) {
                if (doubled++ < EXAMPLES) {
                    problems.add("doubled: element " + id + " " + history(id, channels));
                }
                doubled += timesDelivered - 2;
            } else if (timesAccepted == 0) {
                if (phantom++ < EXAMPLES) {
                    problems.add("phantom (received, never accepted): element " + id + " " + history(id, channels));
                }
            }
        }
        long reordered = 0;
        for (OperationLog log : logs) {
            reordered += log.reordered();
            problems.addAll(log.reorderExamples());
        }
        checkCloseCauses(channels, problems);
        problems.addAll(violations);
        if (lost > EXAMPLES || doubled > EXAMPLES || phantom > EXAMPLES) {
            problems.add("(at most " + EXAMPLES + " examples of each are shown)");
        }
        return new Verdict(accepted.length, delivered.length, lost, doubled, phantom, reordered, problems);
    }

    /** Every ChannelClosedException and closed branch carried the cause of the close that won. */
    private void checkCloseCauses(RoundChannels channels, List<String> problems) {
        for (int c = 0; c < channels.size(); c++) {
            final Object winner = channels.closeWinner(c);
            for (OperationLog log : logs) {
                for (Object seen : log.causesSeen(c)) {
                    if (seen != winner) {
                        problems.add(log.owner + " saw channel " + channels.describe(c) + " closed with "
                                + seen + ", but the close that won had " + winner);
                    }
                }
            }
        }
    }

    private long[] acceptedIds() {
        int total = 0;
        for (OperationLog log : logs) {
            total += log.accepted.size();
        }
        final long[] ids = new long[total];
        int at = 0;
        for (OperationLog log : logs) {
            at = log.accepted.copyIds(ids, at);
        }
        return ids;
    }

    private long[] deliveredIds() {
        int total = handled.size();
        for (OperationLog log : logs) {
            total += log.received.size();
        }
        final long[] ids = new long[total];
        int at = 0;
        for (OperationLog log : logs) {
            at = log.received.copyIds(ids, at);
        }
        for (Long id : handled) {
            ids[at++] = id;
        }
        return ids;
    }

    /** Everything every thread did with {@code id}, for a report. */
    private String history(long id, RoundChannels channels) {
        final StringBuilder s = new StringBuilder("(sender ").append(id >>> 32)
                .append(", sequence ").append(id & 0xFFFF_FFFFL).append("):");
        for (OperationLog log : logs) {
            for (OperationLog.Entries entries : List.of(log.accepted, log.refused, log.received)) {
                for (int k = 0; k < entries.size(); k++) {
                    if (entries.id(k) == id) {
                        s.append(' ').append(log.owner).append(": ").append(entries.describe(k, channels)).append(';');
                    }
                }
            }
        }
        for (Long h : handled) {
            if (h == id) {
                s.append(" handed to the undelivered-element handler;");
            }
        }
        return s.toString();
    }
}
