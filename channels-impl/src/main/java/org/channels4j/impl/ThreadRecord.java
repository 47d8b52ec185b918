package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One per thread that has waited on a channel: the thread itself, for the completer that
 * unparks it, and the little {@link CarrierHandoff} needs to know about it, none of which
 * links into a wait queue. A {@link Waiter}'s outcome is its owner's record while it waits (a
 * completer CASes it from the record, and so learns whom to unpark), which keeps a plain waiter
 * at 32 bytes with no field for its thread.
 *
 * <p>Two parts, by who writes them:
 * <ul>
 *   <li>final: {@link #thread}, read by every completer that unparks the owner, and the owner's
 *       {@link ResumeCount}, which such a completer remembers. They share their cache line
 *       with the object header only: the owner's writes to the second part do not invalidate
 *       the line a waker reads, at 64 bytes of padding a thread (in the default layout, 12-byte
 *       headers and compressed references, which {@code LayoutTest} checks).</li>
 *   <li>mutable, this thread's only: the resume count of the partner this thread itself
 *       unparked last ({@code woken}) and its parity then ({@code wokenParity}); when this
 *       thread's current wait ends ({@code waitTimed}, {@code waitDeadline}), for a re-check
 *       that has to wait for a partner and gives up then ({@link UnbufferedChannel}).</li>
 * </ul>
 *
 * <p>What a waker remembers is the partner's {@code ResumeCount}, an object that references
 * nothing, not the partner's record: a record that named another record would keep a chain of
 * them reachable (a stage that woke the next one and ended, and so on), each with its thread.
 * So a thread's record keeps at most its own thread and two counts reachable, and a channel's
 * {@link SpinBudget} one count.
 *
 * <p>Decided where the issue was silent: a record is made on a thread's first blocking wait,
 * or its first attempt on an unbuffered channel (one {@code ThreadLocal} lookup per plain
 * operation that waits, per select's registration, and per attempt on an unbuffered channel,
 * a few nanoseconds; none on the fast path of a buffered channel)
 * and lives as long as the thread, or as long as a node names it: 120 bytes a thread, 104 for
 * the padded record and 16 for its count ({@code LayoutTest}).
 */
final class ThreadRecord extends ThreadRecordState {
    private static final ThreadLocal<ThreadRecord> CURRENT = ThreadLocal.withInitial(() -> new ThreadRecord(Thread.currentThread()));

    /** @param thread the owner; tests may name a thread other than the current one */
    ThreadRecord(Thread thread) {
        super(thread);
    }

    /** The current thread's record, made on first use. */
    static ThreadRecord current() {
        return CURRENT.get();
    }
}

/** This thread's own mutable state, 64 bytes after {@link ThreadRecordThread#thread}. */
abstract class ThreadRecordState extends ThreadRecordPad {
    /** The resume count of the owner of the last waiter this thread unparked and has not asked about. */
    private ResumeCount woken;
    /** {@link ResumeCount#parity()} of {@link #woken} when its owner parked. */
    private boolean wokenParity;
    /** Whether this thread's current wait has a deadline ({@link #waitDeadline}). */
    private boolean waitTimed;
    /** The {@link System#nanoTime()} at which this thread's current wait ends, if {@link #waitTimed}. */
    private long waitDeadline;
    /**
     * Whether this thread's last wait was ended by a partner, and since then it has neither
     * waited again nor met a waiting partner on an unbuffered channel: its next wait on an
     * unbuffered channel is probably the late party of its rendezvous
     * ({@code Selection.awaitOne}). Plain: only the owner writes and reads it.
     */
    private boolean late;

    ThreadRecordState(Thread thread) {
        super(thread);
    }

    /** Called by the owner whose wait a partner just ended. */
    final void completedByPartner() {
        late = true;
    }

    /**
     * Called by the owner about to wait, or that just met a waiting partner on an unbuffered
     * channel: whether it was {@link #completedByPartner} since the last call; clears the mark.
     */
    final boolean takeLate() {
        final boolean was = late;
        late = false;
        return was;
    }

    /**
     * Called by the owner before its re-check: when the wait it is about to re-check for ends,
     * so that a re-check that has to wait for another thread can give up at that time
     * ({@link #waitOver()}). Plain fields: only the owner writes and reads them.
     */
    final void waitEnds(boolean timed, long deadline) {
        waitTimed = timed;
        waitDeadline = deadline;
    }

    /**
     * Called by the owner in a re-check that waits for another thread (an unbuffered partner
     * still re-checking, {@link UnbufferedChannel}): whether its wait has ended, its deadline
     * ({@link #waitEnds}) having passed or the thread having been interrupted. Reads the clock.
     */
    final boolean waitOver() {
        return thread.isInterrupted() || (waitTimed && waitDeadline - System.nanoTime() <= 0);
    }

    /** Called by the owner once it runs again after announcing a park (also after a timeout or interrupt). */
    final void resumed() {
        resumes.increment();
    }

    /** The parity of the owner's resume count: the owner stores it in a node's state when it parks there. */
    final boolean resumeParity() {
        return resumes.parity();
    }

    /** Called by this record's thread: it has just unparked {@code owner}, which parked at {@code parity}. */
    final void rememberWoken(ThreadRecord owner, boolean parity) {
        woken = owner.resumes;
        wokenParity = parity;
    }

    /**
     * Called by this record's thread about to wait: the resume count of the partner it unparked
     * since its last wait, or null; forgets it, so each unpark informs one wait. The partner has
     * not run since if the count still has {@link #wokenParity()} ({@link SpinBudget#kind}).
     */
    final ResumeCount takeWoken() {
        final ResumeCount w = woken;
        if (w != null) {
            woken = null;
        }
        return w;
    }

    /** The parity the partner of {@link #takeWoken()} parked with; still readable once it is forgotten. */
    final boolean wokenParity() {
        return wokenParity;
    }

    /** The partner's count remembered and not yet asked about, for tests; does not forget it. */
    final ResumeCount peekWoken() {
        return woken;
    }
}

/** 64 bytes between the final fields, read by wakers, and this thread's mutable state. */
abstract class ThreadRecordPad extends ThreadRecordThread {
    long p00, p01, p02, p03, p04, p05, p06, p07;

    ThreadRecordPad(Thread thread) {
        super(thread);
    }
}

/** The final fields, first after the header; the int fills the gap a subclass field could take. */
abstract class ThreadRecordThread {
    /** The owning thread. */
    final Thread thread;
    /** How many times the owner has run again after a park. */
    final ResumeCount resumes = new ResumeCount();
    int threadGap;

    ThreadRecordThread(Thread thread) {
        this.thread = thread;
    }
}

/**
 * A thread's resume count, in an object that references nothing, so that a thread that
 * remembers it keeps nothing else reachable. Written by the owner only, opaque (a plain read of
 * its own last write, then an opaque store), and read opaque by threads that unparked it: a
 * hint that publishes nothing.
 */
final class ResumeCount {
    private static final VarHandle VALUE = VarHandles.field(MethodHandles.lookup(), "value", int.class);

    private int value;

    /** Owner only. */
    void increment() {
        VALUE.setOpaque(this, value + 1);
    }

    int value() {
        return (int) VALUE.getOpaque(this);
    }

    boolean parity() {
        return parity(value());
    }

    static boolean parity(int value) {
        return (value & 1) != 0;
    }
}
