package org.channels4j.testing;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two kinds of thread every blocking behaviour is tested on. Both spin briefly before
 * they park; platform threads can be descheduled anywhere, while virtual threads park by
 * unmounting from their carrier and run on only as many carriers as there are CPUs, so a
 * protocol that only works because a spinner eventually gets descheduled shows up on one kind
 * and not the other.
 */
public enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    /** A builder for threads of this kind; platform threads are daemons so a hung test cannot keep the JVM alive. */
    public Thread.Builder builder() {
        return this == VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
    }

    /** Starts {@code body} on a new thread of this kind. */
    public Thread start(String name, Runnable body) {
        return builder().name(name).start(body);
    }

    /** Test arguments: each thread kind paired with each of {@code values}. */
    public static Stream<Arguments> each(Object... values) {
        return Stream.of(values()).flatMap(kind -> Arrays.stream(values).map(v -> Arguments.of(kind, v)));
    }

    @Override
    public String toString() {
        return this == VIRTUAL ? "virtual" : "platform";
    }
}
