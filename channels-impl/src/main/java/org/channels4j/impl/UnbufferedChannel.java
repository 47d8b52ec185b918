package org.channels4j.impl;

/**
 * An unbuffered (rendezvous) channel: every send is handed directly to a receiver.
 *
 * <h2>Algorithm</h2>
 * One lock-free FIFO {@link WaitQueue} holds the blocked senders and receivers, the dual-queue
 * idea of Scherer, Lea and Scott ("Scalable Synchronous Queues", PPoPP 2006) extended to
 * selects. An arriving operation looks for the oldest live waiter of the other kind and
 * completes it with one CAS of a {@link Match} on that waiter's outcome: the element moves in
 * the same step that commits the partner, so the handoff happens exactly once or not at all.
 * If there is none, it appends its own node and re-checks before parking.
 *
 * <h2>Who matches whom</h2>
 * Of two waiters that could match, the one whose node is later in the queue does it: a
 * re-check only looks at nodes ahead of its own. This asymmetry is what keeps two threads that
 * arrive together from both cancelling and retrying forever. To match, a registered waiter
 * first cancels its own outcome, so nobody can complete it at the same time, then CASes the
 * partner's; if the partner was taken meanwhile it starts over, which only happens because
 * some other operation completed.
 *
 * <p>A search stops at a live plain waiter of its own kind: anyone of the other kind behind
 * that waiter will match it first (FIFO), so looking further would only cost time. It passes
 * select waiters, because a select may wait on this channel as both sender and receiver, and
 * it passes its own nodes, so a select never matches itself.
 *
 * <h2>Close</h2>
 * Closing fixes the close state (a volatile write) and then wakes every waiter; waiters
 * registering meanwhile see the state in their re-check. A send or receive that started before
 * the close may still complete a handoff with a partner that also started before it; both are
 * then linearized just before the close.
 *
 * @param <E> the element type
 */
final class UnbufferedChannel<E> extends AbstractChannel<E> {
    private final WaitQueue waiters = new WaitQueue();

    @Override
    Object receiveAttempt() {
        if (closeStarted()) {
            return Clause.CLOSED;
        }
        for (;;) {
            final WaitNode sender = findPartner(false, null);
            if (sender == null) {
                return Clause.NOT_READY;
            }
            if (sender.waiter.tryComplete(new Match(sender, null))) {
                return sender.item;
            }
            // the sender finished some other way; look again
        }
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return closeStarted() || findPartner(false, own) != null;
    }

    @Override
    WaitNode registerReceiver(Waiter waiter, int clause) {
        final WaitNode node = new WaitNode(waiter, clause, false, null);
        waiters.append(node);
        return node;
    }

    @Override
    Object sendAttempt(Object e) {
        if (closeStarted()) {
            return Clause.CLOSED;
        }
        for (;;) {
            final WaitNode receiver = findPartner(true, null);
            if (receiver == null) {
                return Clause.NOT_READY;
            }
            if (receiver.waiter.tryComplete(new Match(receiver, e))) {
                return Clause.SENT;
            }
        }
    }

    @Override
    boolean sendReady(WaitNode own) {
        return closeStarted() || findPartner(true, own) != null;
    }

    @Override
    WaitNode registerSender(Waiter waiter, int clause, Object e) {
        final WaitNode node = new WaitNode(waiter, clause, true, e);
        waiters.append(node);
        return node;
    }

    /**
     * The oldest live waiter that an operation of kind {@code sending} may complete, looking
     * only ahead of {@code own} (the caller's registered node, or null if it has none).
     */
    private WaitNode findPartner(boolean sending, WaitNode own) {
        final Waiter self = own == null ? null : own.waiter;
        for (WaitNode n = waiters.firstLive(); n != null && n != own; n = n.next) {
            final Waiter w = n.waiter;
            if (w == self || !w.isWaiting()) {
                continue;
            }
            if (n.sending != sending) {
                return n;
            }
            if (!w.selecting) {
                return null; // a plain waiter of our kind is ahead: it is served first
            }
        }
        return null;
    }

    @Override
    void abandon(WaitNode node) {
        waiters.abandon();
    }

    @Override
    void closeChannel() {
        waiters.wakeAll();
    }

    @Override
    public boolean isClosedForSend() {
        return closeStarted();
    }

    @Override
    public boolean isClosedForReceive() {
        return closeStarted();
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public int size() {
        return 0;
    }

    /** Waiters still linked, live or dead: for tests of the clean-up. */
    int linkedWaiters() {
        return waiters.countLinked();
    }

    @Override
    public String toString() {
        return "UnbufferedChannel[" + (closeStarted() ? "closed" : "open") + "]";
    }
}
