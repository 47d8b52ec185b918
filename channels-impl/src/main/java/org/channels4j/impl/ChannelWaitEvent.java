package org.channels4j.impl;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import org.channels4j.SelectClause;

/**
 * The JDK Flight Recorder event {@code org.channels4j.ChannelWait}: one channel operation or
 * select that parked, how long it waited, on what, and how the wait ended. Go's block profile
 * for channels4j; {@code jdk.ThreadPark} says only "parked in LockSupport".
 *
 * <p>The name, label, category and fields are a contract (issue 12): tools and settings files
 * refer to them. The default threshold is 20 ms, as for {@code jdk.ThreadPark}.
 *
 * <p>Only {@link WaitRecorder} creates instances, and only once it has seen that Flight
 * Recorder runs and this event is enabled, so this class is never loaded where
 * {@code jdk.jfr} is absent. Fields are filled in only for an event that will be committed.
 */
@Name("org.channels4j.ChannelWait")
@Label("Channel Wait")
@Category("channels4j")
@Description("A channel send, receive or select that parked its thread")
@StackTrace(true)
@Threshold("20 ms")
final class ChannelWaitEvent extends Event implements WaitRecording {
    @Label("Operation")
    @Description("send, receive or select")
    String operation;

    @Label("Channel")
    @Description("What was waited on: the channel's toString(); for a select, the clauses' channels joined with \", \"")
    String channel;

    @Label("Clauses")
    @Description("1 for a plain operation, the number of clauses for a select")
    int clauses;

    @Label("Outcome")
    @Description("completed, timed out, interrupted or closed")
    String outcome;

    /** A select's clauses, or a plain operation's channel; named only if the event is committed. */
    private final transient Object waitedOn;
    /** {@code send} or {@code receive} for a plain operation; null for a select. */
    private final transient String plainOperation;
    /** Whether any of the operation's waits parked; a wait that only spun is no event. */
    private transient boolean parked;

    private ChannelWaitEvent(Object waitedOn, String plainOperation) {
        this.waitedOn = waitedOn;
        this.plainOperation = plainOperation;
    }

    /** Starts timing a select's wait on {@code clauses}. */
    static WaitRecording begin(SelectClause<?>[] clauses) {
        final ChannelWaitEvent event = new ChannelWaitEvent(clauses, null);
        event.begin();
        return event;
    }

    /** Starts timing a plain {@code operation} ({@code send} or {@code receive}) on {@code channel}. */
    static WaitRecording begin(Object channel, String operation) {
        final ChannelWaitEvent event = new ChannelWaitEvent(channel, operation);
        event.begin();
        return event;
    }

    @Override
    public void noteParked(boolean parkedThisTime) {
        parked |= parkedThisTime;
    }

    @Override
    public void end(String outcome) {
        end();
        if (!parked || !shouldCommit()) {
            return;
        }
        if (waitedOn instanceof SelectClause<?>[] selected) {
            this.operation = operationName(selected);
            this.channel = channelNames(selected);
            this.clauses = selected.length;
        } else {
            this.operation = plainOperation;
            this.channel = waitedOn.toString();
            this.clauses = 1;
        }
        this.outcome = outcome;
        commit();
    }

    /**
     * {@code send} or {@code receive} for one channel clause, {@code select} otherwise. Decision:
     * a one-clause select on a channel is recorded as the plain operation it behaves as, as Go
     * compiles a one-case select into a plain send or receive.
     */
    private static String operationName(SelectClause<?>[] clauses) {
        if (clauses.length == 1) {
            if (clauses[0] instanceof SendClause<?, ?>) {
                return "send";
            }
            if (clauses[0] instanceof ReceiveClause<?, ?>) {
                return "receive";
            }
        }
        return "select";
    }

    /** The clauses' channels in argument order, joined with {@code ", "}. */
    private static String channelNames(SelectClause<?>[] clauses) {
        final StringBuilder names = new StringBuilder();
        for (SelectClause<?> clause : clauses) {
            if (!names.isEmpty()) {
                names.append(", ");
            }
            names.append(((Clause<?>) clause).waitedOn());
        }
        return names.toString();
    }
}
