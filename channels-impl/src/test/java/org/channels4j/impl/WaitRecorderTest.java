package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recording never fails the operation it records ({@link WaitRecorder}): its end runs after
 * the operation's outcome is decided, so an {@link OutOfMemoryError}, a {@link LinkageError} or a
 * {@link RuntimeException} from the event is dropped there, and the element received or sent
 * is returned all the same. Found in review; without the catch both throwing cases failed.
 * Other errors still propagate.
 */
class WaitRecorderTest {

    /** A recording whose end throws {@code failure} after noting the outcome it was given. */
    private static final class ThrowingRecording implements WaitRecording {
        final List<String> ended = new ArrayList<>();
        private final Throwable failure;

        ThrowingRecording(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void noteParked(boolean parked) {
        }

        @Override
        public void end(String outcome) {
            ended.add(outcome);
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    @Test
    void anEventThatCannotBeCommittedIsDroppedAtTheEndOfAPlainOperation() {
        final ThrowingRecording oom = new ThrowingRecording(new OutOfMemoryError("event (test)"));
        WaitRecorder.end(oom, WaitRecorder.COMPLETED);
        assertEquals(List.of(WaitRecorder.COMPLETED), oom.ended);

        final ThrowingRecording ise = new ThrowingRecording(new IllegalStateException("recorder (test)"));
        WaitRecorder.end(ise, WaitRecorder.TIMED_OUT);
        assertEquals(List.of(WaitRecorder.TIMED_OUT), ise.ended);

        // the event class failing to load or register (2026-12-07)
        final ThrowingRecording linkage = new ThrowingRecording(new NoClassDefFoundError("jdk/jfr/Event (test)"));
        WaitRecorder.end(linkage, WaitRecorder.COMPLETED);
        assertEquals(List.of(WaitRecorder.COMPLETED), linkage.ended);
    }

    @Test
    void anEventThatCannotBeCommittedIsDroppedWhenASelectChoosesAClause() {
        final Clause<?> clause = (Clause<?>) new UnbufferedChannel<Integer>().onReceive();
        final ThrowingRecording oom = new ThrowingRecording(new OutOfMemoryError("event (test)"));
        WaitRecorder.chose(oom, clause, 42);
        assertEquals(List.of(WaitRecorder.COMPLETED), oom.ended);

        final ThrowingRecording closed = new ThrowingRecording(new IllegalStateException("recorder (test)"));
        WaitRecorder.chose(closed, clause, Clause.CLOSED);
        assertEquals(List.of(WaitRecorder.CLOSED), closed.ended);
    }

    @Test
    void otherErrorsAreNotSwallowed() {
        final StackOverflowError deep = new StackOverflowError("(test)");
        final ThrowingRecording recording = new ThrowingRecording(deep);
        assertSame(deep, assertThrows(StackOverflowError.class, () -> WaitRecorder.end(recording, WaitRecorder.COMPLETED)));
    }
}
