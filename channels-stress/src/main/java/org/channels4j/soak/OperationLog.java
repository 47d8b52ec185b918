package org.channels4j.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one thread did to ledger elements during a round: the ids it had accepted, had refused
 * and received, each with the channel and operation, and the close causes it saw. Only its own
 * thread writes it; the round reads it after joining that thread, so it needs no
 * synchronization and costs a few array stores per operation.
 *
 * <p>It also checks, as it records, the per-sender FIFO promise from this receiver's point of
 * view: two elements from one sender on one channel must reach this receiver in the order
 * sent. Ids carry their sender in the high 32 bits and a per-sender sequence number in the low
 * 32 bits ({@link Worker#nextId()}).
 */
final class OperationLog {
    /** A cause slot for a close without a cause. */
    static final Object NO_CAUSE = "no cause";
    private static final int EXAMPLES = 5;

    final String owner;
    final Entries accepted = new Entries();
    final Entries refused = new Entries();
    final Entries received = new Entries();
    private final Map<Long, Long>[] lastSequenceBySender;
    private final List<Object>[] causesSeen;
    private long reordered;
    private final List<String> reorderExamples = new ArrayList<>();

    @SuppressWarnings({"unchecked", "rawtypes"}) // arrays of generic collections
    OperationLog(String owner, int channels) {
        this.owner = owner;
        this.lastSequenceBySender = new Map[channels];
        this.causesSeen = new List[channels];
        for (int c = 0; c < channels; c++) {
            lastSequenceBySender[c] = new HashMap<>();
            causesSeen[c] = new ArrayList<>(1);
        }
    }

    void accepted(int channel, Op op, long id) {
        accepted.add(id, channel, op, Outcome.ACCEPTED);
    }

    void refused(int channel, Op op, Outcome outcome, long id) {
        refused.add(id, channel, op, outcome);
    }

    void received(int channel, Op op, long id) {
        received.add(id, channel, op, Outcome.RECEIVED);
        final Long previous = lastSequenceBySender[channel].put(id >>> 32, id & 0xFFFF_FFFFL);
        if (previous != null && previous >= (id & 0xFFFF_FFFFL)) {
            reordered++;
            if (reorderExamples.size() < EXAMPLES) {
                reorderExamples.add(owner + " received element " + id + " on channel #" + channel + " by " + op
                        + " after a later element (sequence " + previous + ") of the same sender");
            }
        }
    }

    /** A ChannelClosedException (or closed branch) on {@code channel} carried {@code cause}. */
    void sawCause(int channel, Throwable cause) {
        final Object seen = cause == null ? NO_CAUSE : cause;
        for (Object known : causesSeen[channel]) {
            if (known == seen) {
                return;
            }
        }
        causesSeen[channel].add(seen);
    }

    List<Object> causesSeen(int channel) {
        return causesSeen[channel];
    }

    long reordered() {
        return reordered;
    }

    List<String> reorderExamples() {
        return reorderExamples;
    }

    /** Growable parallel arrays of element ids and how each was handled. */
    static final class Entries {
        private long[] ids = new long[64];
        private int[] hows = new int[64];
        private int size;

        private void add(long id, int channel, Op op, Outcome outcome) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                hows = Arrays.copyOf(hows, size * 2);
            }
            ids[size] = id;
            hows[size] = channel << 16 | op.ordinal() << 8 | outcome.ordinal();
            size++;
        }

        int size() {
            return size;
        }

        long id(int i) {
            return ids[i];
        }

        /** Copies the ids into {@code into} from {@code at}; returns the next free index. */
        int copyIds(long[] into, int at) {
            System.arraycopy(ids, 0, into, at, size);
            return at + size;
        }

        /** "trySend(timeout) on channel #2, interrupted" for entry {@code i}. */
        String describe(int i, RoundChannels channels) {
            final int how = hows[i];
            final int channel = how >>> 16;
            return Op.values()[(how >>> 8) & 0xFF] + " on " + channels.describe(channel) + ", "
                    + Outcome.values()[how & 0xFF];
        }
    }
}
