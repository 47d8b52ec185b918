package org.channels4j.contract;

/**
 * The two kinds of thread every blocking behaviour is tested on. Channels park the calling
 * thread, and parking a virtual thread unmounts it from its carrier instead of blocking an OS
 * thread, so the two take different paths through the wait protocol (platform threads may spin
 * first, virtual threads never do).
 */
public enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    /** A builder for threads of this kind; platform threads are daemons so a hung test cannot keep the JVM alive. */
    Thread.Builder builder() {
        return this == VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    }

    @Override
    public String toString() {
        return this == VIRTUAL ? "virtual" : "platform";
    }
}
