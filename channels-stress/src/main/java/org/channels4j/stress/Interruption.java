package org.channels4j.stress;

/**
 * Stages an interrupt against an actor's blocking operation without letting it leak into the
 * actor's next sample (jcstress reuses actor threads). The target calls {@link #enter()},
 * runs its operation, then {@link #leave()}; the other actor calls {@link #deliver()}.
 */
public final class Interruption {
    private volatile Thread target;
    private volatile boolean delivered;

    /** The target announces its thread; call right before the operation. */
    public void enter() {
        target = Thread.currentThread();
    }

    /**
     * Waits for the target to enter and interrupts it.
     *
     * @return false if the target never entered within {@link Waits#LIVENESS}
     */
    public boolean deliver() {
        if (!Waits.until(() -> target != null)) {
            return false;
        }
        target.interrupt();
        delivered = true;
        return true;
    }

    /**
     * The target, after its operation: waits until the interrupt was delivered, then clears
     * the interrupt status.
     *
     * @return 1 if the status was still set (the operation completed, keeping it), else 0
     */
    public int leave() {
        Waits.until(() -> delivered);
        return Thread.interrupted() ? 1 : 0;
    }
}
