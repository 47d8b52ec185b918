package org.channels4j.soak;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak's command line: {@code --seconds N [--seed S] [--threads platform|virtual|both]}.
 * Anything else is rejected with a message that says what was wrong, which {@link Soak} turns
 * into exit status 2.
 *
 * <p>Decisions: {@code --seconds} is required (a soak has no natural length); the seed defaults
 * to a random one, which the run prints so that it can be replayed; {@code --threads} defaults
 * to {@code both}, where each worker's kind is drawn from the seed.
 *
 * @param seconds how long to run rounds, 1 to a year; the run ends with the round in progress
 * @param seed the seed every random choice derives from
 * @param threads which kind of thread the workers are
 */
record SoakOptions(long seconds, long seed, ThreadKind threads) {

    private static final long MAX_SECONDS = 365L * 24 * 3600;

    static final String USAGE =
            "usage: java -jar soak.jar --seconds N [--seed S] [--threads platform|virtual|both]";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad or missing argument
     */
    static SoakOptions parse(String[] args) {
        Long seconds = null;
        long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ThreadKind threads = ThreadKind.BOTH;
        for (int i = 0; i < args.length; i += 2) {
            final String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            final String value = args[i + 1];
            switch (name) {
                case "--seconds" -> {
                    seconds = parseLong(name, value);
                    if (seconds < 1 || seconds > MAX_SECONDS) {
                        throw new IllegalArgumentException(
                                "--seconds must be between 1 and " + MAX_SECONDS + " (a year), was " + value);
                    }
                }
                case "--seed" -> seed = parseLong(name, value);
                case "--threads" -> threads = ThreadKind.parse(value);
                default -> throw new IllegalArgumentException("unknown argument " + name);
            }
        }
        if (seconds == null) {
            throw new IllegalArgumentException("--seconds is required");
        }
        return new SoakOptions(seconds, seed, threads);
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, was '" + value + "'");
        }
    }
}
