package org.channels4j.impl;

/**
 * {@code Channels.never}: never ready, never closed, Go's nil channel. Receiving parks until
 * interrupted; in a select the clause simply never wins. Stateless, so one instance serves all.
 */
final class NeverChannel extends AbstractReceiveChannel<Object> {
    static final NeverChannel INSTANCE = new NeverChannel();

    private NeverChannel() {
        super(false);
    }

    @Override
    Object receiveAttempt() {
        return Clause.NOT_READY;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return false;
    }

    @Override
    void registerReceiver(WaitNode node) {
        // never ready: nobody will look for its receivers
    }

    @Override
    Throwable closeCause() {
        return null;
    }

    /**
     * Decision: unsupported. The never-ready channel belongs to no sender, holds no element and
     * is never closed.
     */
    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException("the channel of Channels.never() cannot be cancelled: it holds no element and is never closed");
    }

    @Override
    public boolean isClosedForReceive() {
        return false;
    }

    /** As {@code Channels.never()} names it; also the ChannelWait event's name for it. */
    @Override
    public String toString() {
        return "never";
    }
}
