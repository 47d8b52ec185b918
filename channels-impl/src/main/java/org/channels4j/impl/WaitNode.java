package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A registration in one channel's {@link WaitQueue}: whose wait it stands for, which clause,
 * whether it sends or receives, and for a send the element offered.
 *
 * <p>Each node is one of three kinds, each with only the fields its role needs
 * ({@code LayoutTest} holds them to these sizes):
 * <ul>
 *   <li>{@link Waiter} (32 bytes): a plain blocking operation's node, its own owner ({@code
 *       owner() == this}): one object per blocked {@code send} or {@code receive}, completed by
 *       one CAS that carries the element (the node of {@code SynchronousQueue}, Go's
 *       {@code sudog}). Also the node of a select that registers only one node, completed the
 *       same way.</li>
 *   <li>{@link SelectWaiter} (40 bytes): the first node of a select with several nodes, its
 *       waiter, so that one CAS commits the whole select; it heads the select's list of its
 *       other nodes ({@link SelectWaiter#members()}).</li>
 *   <li>{@link SelectNode} (40 bytes): each other node of such a select, which nobody parks on:
 *       it names its waiter and the next node of the list.</li>
 * </ul>
 * A blocking select over k &gt; 1 channels so allocates 40k bytes of nodes and, when
 * a partner completes it, one {@link Match}.
 *
 * <p>A node is live while its owner is waiting; once the owner's outcome is decided, or held
 * by a completer that is deciding it ({@link Waiter#HELD}), the node is dead, and its queue
 * drops it lazily.
 */
abstract class WaitNode {
    /**
     * {@link #lvTicket} before the registering thread has taken one: the ticket bits' default,
     * so that the constructor stores no ticket (a volatile initializer would cost a fence per
     * node). Tickets are never 0 modulo {@code 2^}{@value #TICKET_BITS} ({@link TicketDispenser#take}).
     */
    static final long UNASSIGNED = 0L;

    /**
     * {@link #state}: set by a {@link Waiter}'s owner before it parks, with volatile semantics
     * and together with {@link #PARK_PARITY} (the only bits that change after the ticket is
     * stored), and never cleared; read by completers to decide whether to unpark. Never set on a
     * node that is not a waiter.
     */
    static final int PARKED = 1;
    /**
     * {@link #state}, constant: the node belongs to a select with more than one channel clause,
     * and so its waiter may have nodes of both modes on one channel; see
     * {@link UnbufferedChannel}.
     */
    static final int SELECTING = 1 << 1;
    /**
     * {@link #state}, constant: the node is its waiter's only node (a plain operation's, or a
     * select's that registers one node), so its completion needs not say which node: its
     * outcome is the element received, {@link Waiter#SENT} or {@link Waiter#WOKEN}, never a
     * {@link Match} or the node.
     */
    static final int ALONE = 1 << 2;
    /** {@link #state}, constant: the node sends. */
    static final int SENDING = 1 << 3;
    /**
     * {@link #state}: written with {@link #PARKED}, by a {@link Waiter}'s owner: the parity of
     * its {@link ThreadRecord}'s resume count when it parked. A completer that unparks the owner
     * reads it along with {@code PARKED}, and when it next waits compares it with the count's
     * parity then: unchanged means the owner has not run since, and probably still sits in the
     * scheduler's queue of the waker's carrier ({@link CarrierHandoff}). A hint only.
     */
    static final int PARK_PARITY = 1 << 4;
    /** {@link #state}: the clause index is stored above this many bits. */
    private static final int CLAUSE_SHIFT = 5;
    /** Bits of {@link #state} that hold the clause index. */
    private static final int CLAUSE_BITS = 16;
    /**
     * The largest clause index a node can carry: a select takes at most 65,536 clauses, the
     * limit Go's {@code reflect.Select} has too.
     */
    static final int MAX_CLAUSE = (1 << CLAUSE_BITS) - 1;
    /** {@link #state}: the ticket is stored above this many bits, under the flags and the clause index. */
    private static final int TICKET_SHIFT = CLAUSE_SHIFT + CLAUSE_BITS;
    /** Bits of {@link #state} that hold the ticket: it is the dispenser's count modulo {@code 2^43}. */
    static final int TICKET_BITS = Long.SIZE - TICKET_SHIFT;
    /** The bits of a count a node keeps as its ticket. */
    static final long TICKET_MASK = -1L >>> TICKET_SHIFT;
    /** The bits of {@link #state} below the ticket: the flags and the clause index. */
    private static final long LOW_MASK = (1L << TICKET_SHIFT) - 1;

    private static final VarHandle NEXT = VarHandles.field(MethodHandles.lookup(), "next", WaitNode.class);
    private static final VarHandle STATE = VarHandles.field(MethodHandles.lookup(), "state", long.class);

    /**
     * The element a sending node offers; null otherwise. Plain: written before the append CAS
     * publishes the node, cleared by the owner once its outcome is fixed (a matcher that then
     * reads null is bound to lose its CAS on the outcome).
     */
    Object item;
    /**
     * Everything about the node but its element and its link, in one long: the constant bits
     * ({@link #SELECTING}, {@link #ALONE}, {@link #SENDING}, the clause index), {@link #PARKED}
     * and {@link #PARK_PARITY}, and above them the ticket. One word, so that a plain
     * {@link Waiter} is 32 bytes: the object header, three references and this long.
     *
     * <p>Only the registering thread, the node's owner, writes it after publication: the ticket
     * once, with release semantics ({@link #soTicket}), then {@code PARKED} with volatile
     * semantics ({@link #svParked}), each a read of its own last write and one store, so the
     * bits it does not change keep their values. The constant bits are written before the node
     * is published and read opaque (atomic for a long, and as cheap as a plain load); the
     * ticket and {@code PARKED} are read with volatile semantics.
     */
    private volatile long state;
    /** The next node in the {@link WaitQueue}: appended and unlinked by CAS. */
    private volatile WaitNode next;

    /**
     * @param bits the constant bits, from {@link #bits}
     * @param item the element offered by a sending node, else null
     */
    WaitNode(int bits, Object item) {
        STATE.set(this, (long) bits); // plain: the append CAS publishes it
        this.item = item;
    }

    /** The constant bits of a node: see {@link #state}. */
    static int bits(boolean selecting, boolean alone, int clause, boolean sending) {
        assert clause >= 0 && clause <= MAX_CLAUSE;
        return (selecting ? SELECTING : 0) | (alone ? ALONE : 0) | (sending ? SENDING : 0) | clause << CLAUSE_SHIFT;
    }

    /**
     * The node of clause {@code clause} of a select of the current thread: a select's only node
     * ({@code alone}) is a {@link Waiter}, completed as a plain operation's is; otherwise the
     * first node ({@code owner} null) is the select's {@link SelectWaiter} and the others are
     * {@link SelectNode}s owned by it.
     */
    static WaitNode forSelect(Waiter owner, boolean selecting, boolean alone, int clause, boolean sending,
                              Object item) {
        assert !alone || owner == null && !selecting;
        if (alone) {
            return new Waiter(ThreadRecord.current(), bits(false, true, clause, sending), item);
        }
        final int bits = bits(selecting, false, clause, sending);
        return owner == null
                ? new SelectWaiter(ThreadRecord.current(), bits, item)
                : new SelectNode((SelectWaiter) owner, bits, item);
    }

    /**
     * The waiter whose outcome this node's completion decides: the node itself, unless it is
     * one of the other nodes of a select. (A type test, not a field, so that a plain
     * operation's node needs no reference to itself.)
     */
    final Waiter owner() {
        return this instanceof SelectNode member ? member.owner : (Waiter) this;
    }

    /** The bits that never change. */
    final int constantBits() {
        return (int) ((long) STATE.getOpaque(this) & LOW_MASK) & ~(PARKED | PARK_PARITY);
    }

    /** Whether {@link #PARKED} is set: a volatile read (for {@link Waiter} only). */
    final boolean lvParked() {
        return (lvState() & PARKED) != 0;
    }

    /**
     * The state word's flags and clause index, a volatile read: {@link #PARKED} and
     * {@link #PARK_PARITY} in one load.
     */
    final int lvState() {
        return (int) ((long) STATE.getVolatile(this) & LOW_MASK);
    }

    /**
     * Sets {@link #PARKED}, and {@link #PARK_PARITY} to {@code parity}, with a volatile write,
     * keeping the constant bits, which a matcher may read plain at any time (for {@link Waiter},
     * by its owner only: the owner is the only writer of {@code state} after publication). The
     * owner announces once in {@link Waiter#await} and may announce again, with the parity of
     * its next park, in {@link Waiter#decidedOutcome}.
     */
    final void svParked(boolean parity) {
        final long s = (long) STATE.getOpaque(this) & ~(long) (PARKED | PARK_PARITY);
        STATE.setVolatile(this, s | PARKED | (parity ? PARK_PARITY : 0));
    }

    /** Whether the node belongs to a select with more than one channel clause. */
    final boolean isSelecting() {
        return (constantBits() & SELECTING) != 0;
    }

    /** Whether the node is its waiter's only node, completed without a {@link Match}. */
    final boolean isAlone() {
        return (constantBits() & ALONE) != 0;
    }

    /** Whether the node sends. */
    final boolean sending() {
        return (constantBits() & SENDING) != 0;
    }

    /** Index of the select clause this node registers; 0 for a plain operation. */
    final int clause() {
        return constantBits() >>> CLAUSE_SHIFT;
    }

    /** The ticket ({@link #UNASSIGNED} before the owner stores it), a volatile read. */
    final long lvTicket() {
        return (long) STATE.getVolatile(this) >>> TICKET_SHIFT;
    }

    /**
     * Whether ticket {@code a} was taken after ticket {@code b}. Tickets are counts modulo
     * {@code 2^}{@value #TICKET_BITS}, so they are compared as a difference (as
     * {@link System#nanoTime} values are): right while the two were taken fewer than
     * {@code 2^42} (4.4 * 10^12) registrations apart. Were a later registrant to misread an
     * earlier live partner as later, it would skip it, and if the partner's own re-check had
     * not seen it, neither would act: a lost rendezvous until the next operation on the
     * channel. It takes this: the partner's node was appended before the later one took its
     * ticket, and an attempt or a re-check run after that append acts on the oldest live
     * partner it may (or wakes it), so the later registrant made its attempt before the
     * partner's append and took its ticket {@code 2^42} registrations later, stalled between
     * two adjacent steps of one operation that long: about a day at 50 million registrations a
     * second (a debugger that suspends one thread could do it). {@code WaitNodeStateTest} and
     * jcstress {@code TicketWrapStress} check the comparison where the count wraps.
     */
    static boolean ticketAfter(long a, long b) {
        return (a - b) << TICKET_SHIFT > 0;
    }

    /**
     * Stores the ticket, once, release: the store needs no fence after it. The rule "the holder
     * of the larger ticket sees the other's node" rests on append CAS, then {@code getAndAdd},
     * then re-check, in each registrant, and on the counter's total order; the ticket store is
     * no part of it. A re-check that meets this node before the store is visible waits for it
     * ({@link #awaitTicket}), and the value never changes once written. So letting the
     * re-check's loads pass this store (the Java memory model allows it for a release store
     * followed by loads of other fields; x86 does it through its store buffer) orders nothing anyone
     * relies on. {@code TicketStress} checks that of two registrants exactly one acts.
     */
    final void soTicket(long value) {
        assert (value & TICKET_MASK) != UNASSIGNED;
        final long s = (long) STATE.getOpaque(this) & LOW_MASK;
        STATE.setRelease(this, s | (value & TICKET_MASK) << TICKET_SHIFT);
    }

    final WaitNode lvNext() {
        return next;
    }

    final boolean casNext(WaitNode expect, WaitNode update) {
        return NEXT.compareAndSet(this, expect, update);
    }

    final boolean isLive() {
        return owner().isWaiting();
    }

    /**
     * The unbuffered handoff: completes this node's operation with a partner, which gives
     * {@code element} to a receiving node ({@code null} for a sending node, whose own element the
     * partner took). The one CAS on the owner's outcome is the handoff's linearization point.
     *
     * <p>Call it only from {@link WaitQueue#giveFirst}/{@link WaitQueue#takeFirst}, on the node
     * after the head: a plain operation completed by a match skips {@code abandon()} because its
     * node was found there, in the dead prefix. A match on a node found any other way (a ticket
     * scan, say) would leave interior dead nodes that no sweep counts, without bound.
     *
     * @return whether this call completed the node; false if its owner had finished already
     */
    final boolean tryMatch(Object element) {
        if (isAlone()) {
            return owner().tryComplete(sending() ? Waiter.SENT : element);
        }
        return owner().tryComplete(new Match(this, element));
    }

    /**
     * Tells the owner that this node's clause may be able to proceed now.
     *
     * @return whether this call decided the owner's outcome
     */
    final boolean tryWake() {
        return owner().tryComplete(isAlone() ? Waiter.WOKEN : this);
    }

    /**
     * The ticket, waiting out the few instructions between the owner's append and its ticket
     * store. This wait depends on the owner making progress: if the owner is descheduled in
     * that window, the caller spins until it runs again (the owner never parks there).
     */
    final long awaitTicket() {
        long t;
        while ((t = lvTicket()) == UNASSIGNED) {
            Thread.onSpinWait();
        }
        return t;
    }
}
