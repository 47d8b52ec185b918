package org.channels4j.impl;

import org.channels4j.SelectClause;

/**
 * The hooks {@link Selection} calls around a park to emit the JFR event
 * {@code org.channels4j.ChannelWait} ({@link ChannelWaitEvent}). Every hook takes the
 * operation's {@link WaitRecording}, which is null unless the event was enabled when the
 * operation first got ready to park, so with no recording the blocking path allocates nothing
 * and pays a null check per hook and one cheap enabled check per park.
 *
 * <h2>Where {@code jdk.jfr} is absent</h2>
 * The module {@code requires static jdk.jfr}, so it also runs on a runtime image or module graph
 * without it. Whether it is readable is decided once, here; if it is not, no class that names a
 * {@code jdk.jfr} type ({@link ChannelWaitEvent}, {@link ChannelWaitEventType}) is ever loaded,
 * since the JVM resolves a class reference only when the code that uses it first runs.
 *
 * <h2>What is one event</h2>
 * One operation, not one park: a select woken to retry may park again, and its event spans from
 * just before its first park (including that spin) to the moment a clause is chosen or it gives
 * up, so the continuation's own run time is not counted as waiting. Only operations that parked
 * at least once are committed; those that spun and then completed are not.
 *
 * <h2>A recording never fails the operation</h2>
 * The hooks run where the operation cannot fail any more without loss: {@link #beforePark} after
 * the waiter has settled, when partners already act on it, and {@link #end}/{@link #chose}
 * after its outcome is decided, an element received or sent. So an {@link OutOfMemoryError}
 * allocating the event, a {@link LinkageError} loading or registering the event class (the first
 * enabled check after Flight Recorder starts registers it, on the blocking thread), or a
 * {@link RuntimeException} from Flight Recorder, loses the event and nothing else: the hooks
 * catch them, as {@code Thread.sleep} does for its own event. Found in review (2026-12-06):
 * before, such a throw left a settled node in its queue, and a partner's element went with the
 * exception; {@code LinkageError} was added after another review (2026-12-07). Other errors
 * ({@link StackOverflowError}, {@link InternalError}) propagate: they can strike any step of the
 * operation, not only the recorder's, and swallowing them here would only hide them.
 */
final class WaitRecorder {
    static final String COMPLETED = "completed";
    static final String TIMED_OUT = "timed out";
    static final String INTERRUPTED = "interrupted";
    static final String CLOSED = "closed";

    /** Whether this module can use {@code jdk.jfr} at all; decided once. */
    private static final boolean FLIGHT_RECORDER_READABLE = ModuleLayer.boot().findModule("jdk.jfr")
            .map(WaitRecorder.class.getModule()::canRead)
            .orElse(false);

    private WaitRecorder() {
    }

    /**
     * Called before each park: the operation's recording, begun now if this is its first park
     * and the event is enabled; otherwise {@code current} (null: not recorded).
     */
    static WaitRecording beforePark(WaitRecording current, SelectClause<?>[] clauses) {
        if (current != null || !FLIGHT_RECORDER_READABLE) {
            return current;
        }
        try {
            return ChannelWaitEventType.isEnabled() ? ChannelWaitEvent.begin(clauses) : null;
        } catch (OutOfMemoryError | LinkageError | RuntimeException notRecorded) {
            return null; // the wait goes on unrecorded
        }
    }

    /** {@link #beforePark(WaitRecording, SelectClause[])} for a plain send or receive on {@code channel}. */
    static WaitRecording beforePark(WaitRecording current, AbstractReceiveChannel<?> channel, boolean sending) {
        if (current != null || !FLIGHT_RECORDER_READABLE) {
            return current;
        }
        try {
            return ChannelWaitEventType.isEnabled() ? ChannelWaitEvent.begin(channel, sending ? "send" : "receive") : null;
        } catch (OutOfMemoryError | LinkageError | RuntimeException notRecorded) {
            return null; // the wait goes on unrecorded
        }
    }

    /** Called after each park with whether the waiter had to park. */
    static void afterPark(WaitRecording recording, boolean parked) {
        if (recording != null) {
            recording.noteParked(parked);
        }
    }

    /** Called when the operation stops waiting without completing a clause. */
    static void end(WaitRecording recording, String outcome) {
        if (recording != null) {
            endQuietly(recording, outcome);
        }
    }

    /** Called when {@code chosen} completed with {@code token}, before its continuation runs. */
    static void chose(WaitRecording recording, Clause<?> chosen, Object token) {
        if (recording != null) {
            endQuietly(recording, token == Clause.CLOSED ? CLOSED : chosen instanceof TimeoutClause<?> ? TIMED_OUT : COMPLETED);
        }
    }

    private static void endQuietly(WaitRecording recording, String outcome) {
        try {
            recording.end(outcome);
        } catch (OutOfMemoryError | LinkageError | RuntimeException notRecorded) {
            // the event is lost; the operation, already decided, stands
        }
    }
}
