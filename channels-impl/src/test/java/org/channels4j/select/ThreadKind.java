package org.channels4j.select;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two kinds of thread every blocking test runs on. Platform threads spin briefly before
 * they park and can be descheduled anywhere; virtual threads never spin and park by unmounting,
 * so a protocol that only works because a spinner eventually gets descheduled shows up on one
 * kind and not the other.
 */
public enum ThreadKind {
    PLATFORM {
        @Override
        Thread.Builder builder() {
            return Thread.ofPlatform().daemon(true);
        }
    },
    VIRTUAL {
        @Override
        Thread.Builder builder() {
            return Thread.ofVirtual();
        }
    };

    abstract Thread.Builder builder();

    /** Test arguments: each thread kind paired with each of {@code values}. */
    public static Stream<Arguments> each(Object... values) {
        return Stream.of(values()).flatMap(kind -> Arrays.stream(values).map(v -> Arguments.of(kind, v)));
    }

    /** Starts {@code body} on a new thread of this kind. */
    public Thread start(String name, Runnable body) {
        return builder().name(name).start(body);
    }
}
