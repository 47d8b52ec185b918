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
 *   <li>{@link SelectNode} (32 bytes): each other node of such a select, which nobody parks on:
 *       one link, to the node of the select registered before it or to the waiter, is both
 *       the list and the way to the waiter.</li>
 * </ul>
 * A blocking select over k &gt; 1 channels so allocates 32k + 8 bytes of nodes and, when
 * a partner completes it, one 24-byte {@link Match}: 32k + 32 bytes in all.
 *
 * <p>A node is live while its owner is waiting; once the owner's outcome is decided, or held
 * by a completer that is deciding it ({@link Waiter#HELD}), the node is dead, and its queue
 * drops it lazily.
 */
abstract class WaitNode {
    /**
     * {@link #state}: set by a {@link Waiter}'s owner before it parks, with volatile semantics
     * and together with {@link #PARK_PARITY} (with {@link #SETTLED}, the only bits that change
     * after the node is published), and never cleared; read by completers to decide whether to unpark. Never set on a
     * node that is not a waiter.
     */
    static final int PARKED = 1;
    /**
     * {@link #state}, constant: the node belongs to a select with more than one channel clause,
     * and so its waiter may have nodes of both modes on one channel. No code path reads it
     * since a4fa905 (2026-12-05), when the unbuffered re-check's rule became one for plain
     * operations and selects alike ({@link UnbufferedChannel}, "Who matches whom"); it costs
     * nothing, as the bits share one word, and tells a select's node from a plain one in a
     * heap dump or a debugger.
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
    /**
     * {@link #state}: set once by a {@link Waiter}'s owner, with release semantics, when its
     * re-check after registering found no partner to act on ({@link #settle}); never cleared.
     * From then on the owner only waits, so a partner that meets the waiter settled acts on it
     * ({@link UnbufferedChannel}). Never set on a node that is not a waiter.
     */
    static final int SETTLED = 1 << 5;
    /** {@link #state}: the clause index is stored above this many bits. */
    private static final int CLAUSE_SHIFT = 6;
    /** Bits of {@link #state} that hold the clause index. */
    private static final int CLAUSE_BITS = 16;
    /**
     * The largest clause index a node can carry: a select takes at most 65,536 clauses, the
     * limit Go's {@code reflect.Select} has too.
     */
    static final int MAX_CLAUSE = (1 << CLAUSE_BITS) - 1;
    /** {@link #state}: the sequence number is stored above this many bits, over the flags and the clause index. */
    private static final int SEQ_SHIFT = CLAUSE_SHIFT + CLAUSE_BITS;
    /** Bits of {@link #state} that hold the sequence number: a count of appends modulo {@code 2^42}. */
    static final int SEQ_BITS = Long.SIZE - SEQ_SHIFT;
    /** The bits of a count a node keeps as its sequence number. */
    static final long SEQ_MASK = -1L >>> SEQ_SHIFT;
    /** The bits of {@link #state} below the sequence number: the flags and the clause index. */
    private static final long LOW_MASK = (1L << SEQ_SHIFT) - 1;

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
     * ({@link #SELECTING}, {@link #ALONE}, {@link #SENDING}, the clause index), {@link #PARKED},
     * {@link #PARK_PARITY} and {@link #SETTLED}, and above them the sequence number
     * ({@link #seq}). One word, so that a plain {@link Waiter} is 32 bytes: the object header,
     * three references and this long.
     *
     * <p>The constant bits and the sequence number are written before the node is published
     * (the append CAS publishes them) and read opaque (atomic for a long, and as cheap as a
     * plain load). After publication only the owner writes it: {@code SETTLED} once, with
     * release semantics ({@link #settle}), and {@code PARKED} with volatile semantics
     * ({@link #svParked}), each a read of its own last write and one store, so the bits it does
     * not change keep their values; both are read with volatile semantics. {@code SETTLED} is
     * set before the owner's first park in a wait, except where its re-check found a partner and
     * its cancel then met a serving partner ({@code Waiter.decidedOutcome}): that wait parks
     * unsettled, with its outcome no longer a thread record, so no re-check waits for it.
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
        return this instanceof SelectNode member ? member.ownerOrGone() : (Waiter) this;
    }

    /** The bits that never change. */
    final int constantBits() {
        return (int) ((long) STATE.getOpaque(this) & LOW_MASK) & ~(PARKED | PARK_PARITY | SETTLED);
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

    /**
     * The node's sequence number: one more than its predecessor's when it was appended
     * ({@link WaitQueue#append}), modulo {@code 2^}{@value #SEQ_BITS}; 0 for a queue's first
     * sentinel. So the last node's number grows with every append, except once in
     * {@code 2^}{@value #SEQ_BITS} appends, where it wraps to 0, and a queue's last number tells
     * whether anyone registered since it was last read ({@link WaitQueue#lastSeq}).
     */
    final long seq() {
        return (long) STATE.getOpaque(this) >>> SEQ_SHIFT;
    }

    /** Sets the sequence number of a node not yet published (plain: the append CAS publishes it). */
    final void setSeq(long value) {
        final long s = (long) STATE.get(this) & LOW_MASK;
        STATE.set(this, s | (value & SEQ_MASK) << SEQ_SHIFT);
    }

    /**
     * Sets {@link #SETTLED} (for {@link Waiter} only, by its owner): its re-check after
     * registering found nobody to act on, and from here on it only waits. A release store:
     * the decision rests on the re-check's loads, which come before it, and a partner that
     * reads the flag only needs to see it eventually ({@link UnbufferedChannel}'s re-check waits
     * for it).
     */
    final void settle() {
        final long s = (long) STATE.getOpaque(this);
        STATE.setRelease(this, s | SETTLED);
    }

    /** Whether {@link #SETTLED} is set: a volatile read (for {@link Waiter} only). */
    final boolean isSettled() {
        return (lvState() & SETTLED) != 0;
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
     * node was found there, in the dead prefix. A match on a node found any other way (a re-check's
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
}
