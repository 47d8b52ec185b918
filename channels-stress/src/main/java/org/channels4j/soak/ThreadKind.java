package org.channels4j.soak;

import java.util.SplittableRandom;

/** Which kind of thread runs the soak's workers: {@code --threads platform|virtual|both}. */
enum ThreadKind {
    PLATFORM,
    VIRTUAL,
    /** Each worker's kind is drawn at random (from the seed), so both kinds meet on one channel. */
    BOTH;

    static ThreadKind parse(String value) {
        return switch (value) {
            case "platform" -> PLATFORM;
            case "virtual" -> VIRTUAL;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException(
                    "--threads must be platform, virtual or both, was '" + value + "'");
        };
    }

    /** Starts {@code task} on a new thread of this kind; for {@link #BOTH}, of a kind drawn from {@code random}. */
    Thread start(String name, Runnable task, SplittableRandom random) {
        final boolean virtual = this == VIRTUAL || (this == BOTH && random.nextBoolean());
        return virtual
                ? Thread.ofVirtual().name(name).start(task)
                : Thread.ofPlatform().name(name).daemon(true).start(task);
    }

    @Override
    public String toString() {
        return switch (this) {
            case PLATFORM -> "platform threads";
            case VIRTUAL -> "virtual threads";
            case BOTH -> "platform and virtual threads";
        };
    }
}
