package org.channels4j.impl;

/**
 * A receive channel for tests of {@code Selection}'s waiting loop: it spins, is never closed
 * and cannot be cancelled; a test overrides the attempt, the readiness and the registration to
 * count or script them.
 */
abstract class StubReceiveChannel extends AbstractReceiveChannel<Object> {
    StubReceiveChannel() {
        super(true);
    }

    @Override
    Throwable closeCause() {
        return null;
    }

    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancel(Throwable cause) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isClosedForReceive() {
        return false;
    }
}
