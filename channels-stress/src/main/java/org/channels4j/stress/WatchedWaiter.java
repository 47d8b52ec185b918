package org.channels4j.stress;

import java.util.concurrent.Callable;

/**
 * A blocking operation on a virtual thread that two actors watch until one of them sees it
 * parked: the third party of a race on two CPUs, where jcstress runs at most one actor per CPU.
 * One actor {@linkplain #start starts} it, both {@linkplain #untilParked watch} it, and the
 * arbiter {@linkplain #result reads} its result. Once it is parked it has registered and
 * re-checked, so an operation that serves it from then on holds it rather than racing it.
 * Both actors watch, not only the one that started it: with one flag raised by one actor for
 * the other, the watcher was the one descheduled and the other actor's operation came first in
 * about nine samples out of ten ({@link HeldCancelStress}).
 */
public final class WatchedWaiter {
    /** The waiter's thread, for both actors to watch. */
    private volatile Thread thread;
    /**
     * Set by whichever actor first saw the waiter parked, or gave up: the other stops watching
     * then, since the first one's operation may already have ended the wait.
     */
    private volatile boolean seen;
    private VirtualParty party;
    private boolean parked;

    /** Starts {@code operation} on a virtual thread and waits until it is parked; the starting actor's call. */
    public void start(Callable<Integer> operation) {
        party = VirtualParty.start(operation);
        thread = party.thread();
        parked = untilParked();
    }

    /**
     * Waits until this actor or the other saw the waiter parked, at most {@link Waits#LIVENESS}.
     *
     * @return whether it was seen parked
     */
    public boolean untilParked() {
        final boolean result = Waits.until(() -> seen || isParked(thread));
        seen = true; // also after a timeout, so that the other actor need not wait it out too
        return result;
    }

    /** The operation's result, or {@code neverParked} if it was not seen parked; the arbiter's call. */
    public int result(int neverParked) {
        return parked ? party.joinInt(neverParked) : neverParked;
    }

    private static boolean isParked(Thread t) {
        if (t == null) {
            return false;
        }
        final Thread.State state = t.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
