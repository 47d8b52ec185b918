package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One per thread that has waited on a channel: the thread itself, for the completer that
 * unparks it, and the little {@link CarrierHandoff} needs to know about it, none of which
 * links into a wait queue. A {@link Waiter} names its owner's record rather than the thread,
 * which keeps a plain waiter at 40 bytes.
 *
 * <p>Two parts, by who writes them:
 * <ul>
 *   <li>{@link #thread}, final, read by every completer that unparks the owner. It shares its
 *       cache line with the object header only: the owner's writes to the second part do not
 *       invalidate the line a waker reads, at 64 bytes of padding a thread.</li>
 *   <li>the owner's mutable state, written only by the owner: how often it has resumed from a
 *       park ({@code resumes}), read by the threads that unparked it; and the partner this
 *       thread itself unparked last ({@code woken}, {@code wokenParity}), which only it
 *       reads.</li>
 * </ul>
 *
 * <p>Decided where the issue was silent: a record is made on a thread's first registration
 * (one {@code ThreadLocal} lookup per registered node, a few nanoseconds, off the fast path)
 * and lives as long as the thread, or as long as a node or another thread's record names it:
 * about 100 bytes a thread.
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

/** The owner's mutable state, 64 bytes after {@link ThreadRecordThread#thread}. */
abstract class ThreadRecordState extends ThreadRecordPad {
    private static final VarHandle RESUMES = VarHandles.field(MethodHandles.lookup(), "resumes", int.class);

    /**
     * How many times the owner has run again after a park: written by the owner only, opaque,
     * and read opaque by a thread that unparked it. A hint that publishes nothing.
     */
    private int resumes;
    /** The owner of the last waiter this thread unparked and has not asked about; this thread only. */
    private ThreadRecord woken;
    /** {@link #resumeParity()} of {@link #woken} when it parked; this thread only. */
    private boolean wokenParity;

    ThreadRecordState(Thread thread) {
        super(thread);
    }

    /** Called by the owner once it runs again after announcing a park. */
    final void resumed() {
        RESUMES.setOpaque(this, resumes + 1);
    }

    /** The low bit of {@link #resumes}: the owner stores it in a node's state when it parks there. */
    final boolean resumeParity() {
        return ((int) RESUMES.getOpaque(this) & 1) != 0;
    }

    /** Called by this record's thread: it has just unparked {@code owner}, which parked at {@code parity}. */
    final void rememberWoken(ThreadRecord owner, boolean parity) {
        woken = owner;
        wokenParity = parity;
    }

    /**
     * Called by this record's thread about to wait: whether the partner it unparked since its
     * last wait has not run since; forgets the partner either way, so each unpark informs one
     * wait. The partner has run if its resume count's parity changed: a partner that resumed
     * twice since, parking again in between, reads as still queued, a mistake in the safe
     * direction (a shorter spin) for a hint.
     */
    final boolean partnerStillQueued() {
        final ThreadRecord w = woken;
        if (w == null) {
            return false;
        }
        woken = null;
        return w.resumeParity() == wokenParity;
    }

    /** The partner remembered and not yet asked about, for tests; does not forget it. */
    final ThreadRecord peekWoken() {
        return woken;
    }
}

/** 64 bytes between the thread, read by wakers, and the owner's mutable state. */
abstract class ThreadRecordPad extends ThreadRecordThread {
    long p00, p01, p02, p03, p04, p05, p06, p07;

    ThreadRecordPad(Thread thread) {
        super(thread);
    }
}

/** The owner: the first field after the header. */
abstract class ThreadRecordThread {
    /** The owning thread. */
    final Thread thread;

    ThreadRecordThread(Thread thread) {
        this.thread = thread;
    }
}
