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
 * and both would retry, possibly forever. Nor may both leave it to the other: both would park,
 * a lost rendezvous. Of two such waiters at least one sees the other's node in its re-check
 * (each appends with a CAS and then reads the other queue: the Dekker pattern). A waiter that
 * finds nobody it should act on is <em>settled</em> ({@link WaitNode#settle}): from then on it
 * only waits. So a re-check that meets a partner
 * <ul>
 *   <li>acts on it if the partner is settled: the partner will not act any more;</li>
 *   <li>acts on it if the partner is still re-checking and its own thread's id is the smaller
 *       of the two: the partner, meeting it, will not act;</li>
 *   <li>otherwise waits until the partner settles, and then acts, or leaves the queue, for
 *       having acted itself or given up, and then moves on; or until its own wait ends (its
 *       deadline passes or its thread is interrupted), and then acts on nobody (see
 *       "Progress").</li>
 * </ul>
 * Of two waiters that meet, at most one acts on the other, and one that sees the other acts on
 * it, at once or after the wait, unless the other leaves the queue first, having acted
 * elsewhere or given up, or its own wait ends first. The rule is one order, the threads' ids, so a wait is always for a
 * thread with a smaller id, and waits cannot form a cycle (a select whose allocation of a
 * later node fails cancels the nodes it registered, so none is left live and unsettled:
 * {@code Selection.registerAll}); selects over several
 * channels, which may meet one partner on several channels, or one channel in both
 * directions, follow it too. A select skips its own nodes, so it never matches itself.
 *
 * <p>Decided where the issue was silent (2026-12-05, issue 9): until then the order came from
 * a ticket, a {@code getAndAdd} on a counter of the channel taken after the append, and the
 * later ticket acted. Every registration then bounced the counter's line between the two
 * sides, and a re-check that met a node whose ticket was not stored yet waited for that
 * {@code getAndAdd}, a cache-line transfer between cores (about 300 ns a wait when the two
 * CPUs of the build machine are far apart, in 15% of messages of a one-to-one stream). The
 * settled flag is a store to the waiter's own node, and the waiting that is left is for a
 * partner that is running its re-check ({@code channels-jmh/results/settle/README.md}).
 *
 * <h2>The late party polls</h2>
 * A plain {@code send} or {@code receive} that finds no partner, on a thread whose last wait a
 * partner ended and that has met no waiting partner since ({@link ThreadRecord#takeLate}),
 * polls for a partner before it registers, as a buffered receiver does
 * ({@code Selection.pollBeforeRegistering}); not when it is timed, nor while a waiter of its
 * own kind is registered ({@link #pollsWhenLate}: it would take a partner from one that came
 * first). In a stream or a round trip the thread whose wait was just ended is the late party of
 * the next rendezvous: its partner, which has just matched, registers in the time the late
 * one's own step takes. Registering too, both would meet in their re-checks, and one would
 * cancel its node and act on the other: a second node, a cancel, an abandon and a wait for
 * the other's re-check, each on a line the partner holds. The poll only reads, then makes one
 * attempt, so every outcome it allows is one a {@code trySend} or {@code tryReceive} before
 * the operation would give. A thread that matched a waiting partner clears its mark
 * ({@link #sendAttempt}, {@link #receiveAttempt}: a thread-local lookup before each attempt,
 * on unbuffered channels only, made before the match so that an error in it, such as the
 * first lookup's allocation failing, has no effect), so two threads that both waited last do
 * not both poll. The gate on a registered waiter of the poller's own kind is read once, before
 * the poll: a waiter that registers during the poll arrived after the poller. The mark is the
 * thread's, not a channel's: a pipeline stage whose receive on one channel a partner ended
 * polls on its next wait on another unbuffered channel too. There its partner is another
 * thread, which may or may not be about to register; a poll that finds nobody costs at most
 * {@link SpinBudget#POLLS_BEFORE_REGISTERING} reads, fewer on a smaller spin budget (about a
 * microsecond), before the thread registers and spins as it would have. A timed operation, and
 * a buffered receive that polls anyway, leave the mark as it is (the gate reads it only for an
 * untimed operation): the next untimed wait may poll though a timed one came between, which
 * costs it that one poll at most (found in review, 2026-12-07; kept).
 *
 * <p>Decided where the issue was silent (2026-12-06, issue 9): measured on the 2-core build
 * machine against the same code without the poll (9 forks each over two sittings, rotated,
 * virtual threads): the capacity-0 round trip about 365 against 410 ns on the means, 65
 * against 78 to 93 B; the one-producer capacity-0 batch about 5.2 against 4.4 msg/&micro;s, at
 * 32 B a message (one node) against 36 to 44; on platform threads (3 forks each) one sender
 * and one receiver 11.9 against 9.4 msg/&micro;s and the round trip 926 against 1,283 ns; four
 * producers and four consumers on virtual threads level (4.6 against 4.8 msg/&micro;s, within
 * the spread) ({@code channels-jmh/results/partner-probe/}).
 * Without the clear on a match, both sides of a round trip kept the mark, both polled, and
 * both registered anyway: the round trip took 1,450 to 2,350 ns.
 *
 * <h2>Arrival order, and where it is not kept</h2>
 * A partner always takes the oldest live waiter, so plain operations are matched in arrival
 * order. A re-check that acts cancels its own node and tries again from the front, so the
 * operation that acted joins the queue's order only if it registers again. Until then its node
 * is a live waiter that any arriving operation may take: a sender that registered while the
 * oldest receiver was registering too, and whose re-check is about to act on that receiver,
 * can be taken in those nanoseconds by a receiver that arrived after it. The late party's poll
 * would stretch that window to the length of the poll, about a microsecond, which is why a
 * late party does not poll while a waiter of its own kind is registered.
 *
 * <h2>Progress</h2>
 * No locks and no monitors. One wait can depend on a thread that is descheduled: a re-check
 * that meets a partner still re-checking, whose thread has the smaller id, waits until that
 * partner settles or leaves, and if that thread is descheduled in its re-check the wait lasts
 * until it runs again ({@link DependentWait}: a platform thread yields after a short spin, a
 * virtual one spins, as a virtual thread between its append and its settling never leaves its
 * carrier, so it waits only for a thread that is running). The wait ends early if the waiting
 * operation's own deadline passes or its thread is interrupted: it then acts on nobody and
 * settles, as if it had not met the partner, and its wait ends after the spin its budget
 * allows (at most {@link SpinBudget#MAX_SPINS}, 1,024 polls), without a park; having announced one,
 * it counts as parked for the spin budget and Flight Recorder. That is safe. The partner, if its re-check meets our node, acts on it (our node is
 * settled, or its thread's id is the smaller): our operation then completes or times out
 * (is interrupted), whichever of its cancel and the partner's CAS on our node comes first, and
 * a partner that loses that race registers again. If it does not meet our node, it settles;
 * our timed-out or interrupted operation withdraws its node, and the partner, which lost
 * nothing to us, waits on. A waiter that gives up looks no further along the queue. After a
 * timeout, the attempt that follows its cancel (a plain operation tries once more; a select
 * tries every clause) may still take a settled partner behind the one it waited for, so a
 * timed operation can complete just after its deadline, with a partner that was waiting by
 * then; an interrupted operation throws and makes no further attempt. Decided 2026-12-06: until then only the partner's
 * settling ended the wait, so an operation whose deadline passed or that was interrupted
 * meanwhile returned as late as the partner's thread was descheduled
 * ({@code RecheckGiveUpTest}).
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

    @Override
    Object receiveAttempt() {
        if (closeStarted()) {
            return Clause.CLOSED;
        }
        // looked up before the match: a first lookup allocates, and an error after the match
        // would lose the element taken
        final ThreadRecord self = ThreadRecord.current();
        final Object r = senders.takeFirst();
        if (r != Clause.NOT_READY) {
            self.takeLate(); // it met its partner waiting: it was early
        }
        return r;
    }

    @Override
    boolean pollsWhenLate(boolean sending) {
        return (sending ? senders : receivers).firstLive() == null;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return closeStarted() || (own == null ? senders.firstLive() : findPartner(senders, own)) != null;
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
        final ThreadRecord self = ThreadRecord.current(); // before the match, as in receiveAttempt
        if (receivers.giveFirst(e)) {
            self.takeLate(); // it met its partner waiting: it was early
            return Clause.SENT;
        }
        return Clause.NOT_READY;
    }

    @Override
    boolean sendReady(WaitNode own) {
        return closeStarted() || (own == null ? receivers.firstLive() : findPartner(receivers, own)) != null;
    }

    @Override
    void registerSender(WaitNode node) {
        register(senders, node);
    }

    private void register(WaitQueue queue, WaitNode node) {
        queue.append(node);
    }

    /**
     * The partner a re-check of {@code own} acts on: the oldest live waiter in {@code others},
     * other than {@code own}'s select, that is settled or whose thread has a larger id than
     * ours; one that is still re-checking with a smaller id is waited for (see the class
     * comment). Returns {@code own} if our waiter was completed meanwhile: the cancel after
     * this re-check fails and reads the outcome. Returns null, as if nobody were there, if our
     * wait ended while we waited ({@link ThreadRecord#waitOver()}: read every 16th round of
     * the first {@value DependentWait#SPINS}, and every round after them, when a platform
     * thread yields each round; so the clock is off the path of a wait that ends in a few
     * spins).
     */
    private WaitNode findPartner(WaitQueue others, WaitNode own) {
        final Waiter self = own.owner();
        if (!(self.lvOutcome() instanceof ThreadRecord me)) {
            return own;
        }
        final long myId = me.thread.threadId();
        for (WaitNode n = others.firstLive(); n != null; n = n.lvNext()) {
            final Waiter w = n.owner();
            if (w == self) {
                continue;
            }
            int rounds = 0;
            while (w.lvOutcome() instanceof ThreadRecord other) {
                if (w.isSettled() || myId < other.thread.threadId()) {
                    return n;
                }
                if (!self.isWaiting()) {
                    return own; // a partner completed us while we waited
                }
                rounds = DependentWait.pause(rounds); // it is re-checking, and may act on us
                if ((rounds > DependentWait.SPINS || (rounds & 15) == 0) && me.waitOver()) {
                    return null; // our deadline passed or we were interrupted: we settle, and the park ends at once
                }
            }
            // gone: it acted, on us or elsewhere, or gave up
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
        // Every registration appends to one of the queues, and close sets the state: a clause
        // of this channel can only become ready through one of the two.
        return senders.lastSeq() + receivers.lastSeq() + (closeStarted() ? ProducerIndex.CLOSED_BIT : 0L); // the mark Selection.fold counts
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
