package org.channels4j.stress;

import java.util.concurrent.Callable;

/**
 * A third participant in a two-actor test, run on a virtual thread that an actor starts.
 * jcstress schedules at most one actor per CPU, so on a two-CPU machine this is how a test
 * gets a second blocked sender or a select that two actors race for. It also puts virtual
 * threads into the same races as the platform-thread actors.
 */
public final class VirtualParty {
    /** What {@link #join()} returns when the party did not finish within {@link Waits#LIVENESS}. */
    public static final Object STUCK = new Object() {
        @Override
        public String toString() {
            return "STUCK";
        }
    };

    private final Thread thread;
    private volatile Object outcome;

    private VirtualParty(Callable<?> task) {
        this.thread = Thread.ofVirtual().unstarted(() -> {
            Object o;
            try {
                o = task.call();
            } catch (Throwable t) {
                o = t;
            }
            outcome = o;
        });
    }

    /** Starts {@code task} on a new virtual thread. */
    public static VirtualParty start(Callable<?> task) {
        final VirtualParty party = new VirtualParty(task);
        party.thread.start();
        return party;
    }

    /** The party's thread, for {@link Waits#untilParked} and interrupts. */
    public Thread thread() {
        return thread;
    }

    /**
     * Waits for the party to finish.
     *
     * @return the task's result, the {@link Throwable} it threw, or {@link #STUCK}
     */
    public Object join() {
        try {
            if (!thread.join(Waits.LIVENESS)) {
                return STUCK;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return STUCK;
        }
        return outcome;
    }

    /** {@link #join()} as a result code: the Integer the task returned, or {@code other}. */
    public int joinInt(int other) {
        return join() instanceof Integer i ? i : other;
    }
}
