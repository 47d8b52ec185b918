package org.channels4j.impl;

/**
 * An unbuffered (rendezvous) channel: every send is handed directly to a receiver.
 *
 * <h2>Algorithm</h2>
 * Two lock-free FIFO {@link WaitQueue}s hold the blocked senders and the blocked receivers,
 * after the dual queues of Scherer, Lea and Scott ("Scalable Synchronous Queues", PPoPP 2006)
 * extended to selects, which may wait on one channel as sender and receiver at once. An
 * arriving operation takes the oldest live waiter of the other kind and completes it with one
 * CAS on that waiter's outcome ({@link WaitNode#tryMatch}) that carries the element: it moves
 * in the same step that commits the partner, so a handoff happens exactly once or not at all,
 * and a plain blocked operation allocates nothing but its one node. The partner then drops the
 * matched node from the queue's front itself, while its line is still in the partner's cache,
 * so a matched plain operation's owner does not move the head ({@link WaitQueue#giveFirst}). If there is no partner,
 * the operation registers and re-checks before it parks ({@link Selection}).
 *
 * <h2>Who matches whom</h2>
 * Two registered waiters that could match must not both act: each would cancel itself first
 * and both would retry, possibly forever. So every registration takes a <em>ticket</em> from
 * one counter per channel, after its node is appended, and a re-check acts only on partners
 * with a smaller ticket. Because a node is appended before its ticket is taken, the holder of
 * the larger ticket always sees the other's node: of two waiters that could match, the later
 * one acts, and it always can. (A node whose ticket is not stored yet is waited for; its owner
 * is between its append and its ticket store, a {@code getAndAdd} and a store apart, and
 * never parks there.) A node keeps its ticket modulo {@code 2^43}, in the long that holds its
 * flags, so tickets are compared by their difference ({@link WaitNode#ticketAfter}, which
 * says how far apart two compared tickets can be).
 *
 * <p>Two selects can still each be the later one on different channels (or on one channel in
 * both directions) and act on each other at once. Between two selects the one whose thread
 * has the smaller id acts; the other wakes it instead of acting, so that it comes and finds
 * the still-waiting node. Plain operations register on one channel only and never meet a
 * partner twice, so the ticket order alone decides for them. A select that restarts therefore
 * does so only because some other operation completed.
 *
 * <p>A select skips its own nodes, so it never matches itself.
 *
 * <h2>Arrival order, and where it is not kept</h2>
 * A partner always takes the oldest live waiter, so plain operations are matched in arrival
 * order. Between two multi-clause selects it is not: when the re-check of a younger select
 * wakes an older one (above), the older one leaves the queue and registers again at the back.
 *
 * <h2>Progress</h2>
 * No locks and no monitors. One wait can depend on a thread that is descheduled: a re-check
 * that meets a node whose ticket is not stored yet spins until its owner, which is between
 * its append and its ticket store, runs again ({@link WaitNode#awaitTicket}).
 *
 * <h2>Close</h2>
 * Closing fixes the close state (a volatile write) and then wakes every waiter; waiters that
 * register meanwhile see the state in their re-check. A send and a receive that both started
 * before the close may still complete a handoff; both are then linearized just before it.
 * Such a send may find the oldest receiver already woken by the close and hand its element to
 * a younger one: there, and only there, arrival order yields to close (jcstress
 * {@code CloseStress.CloseAfterHandoffWakesTheOtherParkedReceiver}, an interesting outcome).
 *
 * @param <E> the element type
 */
final class UnbufferedChannel<E> extends AbstractChannel<E> {
    private final WaitQueue senders = new WaitQueue();
    private final WaitQueue receivers = new WaitQueue();
    /** Registrations so far, both kinds; also the version a non-blocking select compares. */
    private final TicketDispenser tickets;

    UnbufferedChannel() {
        this(new TicketDispenser());
    }

    /** A channel whose counter starts at {@code tickets}: for tests of the ticket wrap. */
    UnbufferedChannel(TicketDispenser tickets) {
        this.tickets = tickets;
    }

    @Override
    Object receiveAttempt() {
        if (closeStarted()) {
            return Clause.CLOSED;
        }
        return senders.takeFirst();
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return closeStarted() || (own == null ? senders.firstLive() : findPartnerOrWakeCrossingSelect(senders, own)) != null;
    }

    @Override
    void registerReceiver(WaitNode node) {
        register(receivers, node);
    }

    @Override
    Object sendAttempt(Object e) {
        if (closeStarted()) {
            return Clause.CLOSED;
        }
        return receivers.giveFirst(e) ? Clause.SENT : Clause.NOT_READY;
    }

    @Override
    boolean sendReady(WaitNode own) {
        return closeStarted() || (own == null ? receivers.firstLive() : findPartnerOrWakeCrossingSelect(receivers, own)) != null;
    }

    @Override
    void registerSender(WaitNode node) {
        register(senders, node);
    }

    private void register(WaitQueue queue, WaitNode node) {
        queue.append(node);
        // taken after the append, so that a larger ticket's re-check is ordered after this
        // append; a re-check that sees the node before the ticket waits for it (awaitTicket)
        node.soTicket(tickets.take());
    }

    /**
     * The partner a re-check of {@code own} may act on: the oldest live waiter in {@code others}
     * that registered before {@code own}, is not {@code own}'s select, and is not a select that
     * should act itself (see the class comment; such a select is woken instead).
     */
    private WaitNode findPartnerOrWakeCrossingSelect(WaitQueue others, WaitNode own) {
        final Waiter self = own.owner();
        final long mine = own.lvTicket();
        for (WaitNode n = others.firstLive(); n != null; n = n.lvNext()) {
            final Waiter w = n.owner();
            if (w == self || !(w.lvOutcome() instanceof ThreadRecord other) || WaitNode.ticketAfter(n.awaitTicket(), mine)) {
                continue; // ours, gone, or registered after us: a later one comes for us itself
            }
            if (self.isSelecting() && w.isSelecting()) {
                // each waiter's outcome names its thread while it waits; if ours does not, a
                // partner completed us already and the cancel after this re-check fails
                if (!(self.lvOutcome() instanceof ThreadRecord me)) {
                    return n;
                }
                if (me.thread.threadId() > other.thread.threadId()) {
                    n.tryWake(); // wake it; its retry will find our node still waiting
                    continue;
                }
            }
            return n;
        }
        return null;
    }

    @Override
    long receiveVersion() {
        return version();
    }

    @Override
    long sendVersion() {
        return version();
    }

    private long version() {
        // Every registration bumps the counter, and close sets the state: a clause of this
        // channel can only become ready through one of the two.
        return tickets.taken() + (closeStarted() ? 1L << 62 : 0L);
    }

    @Override
    void abandon(WaitNode node) {
        (node.sending() ? senders : receivers).abandon();
    }

    @Override
    void closeChannel() {
        senders.wakeAll();
        receivers.wakeAll();
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

    /** The channel's kind, as {@code Channels.unbuffered()} names it; also the ChannelWait event's name for it. */
    @Override
    public String toString() {
        return "unbuffered";
    }
}
