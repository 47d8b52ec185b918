package org.channels4j.soak;

import java.util.function.Function;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Overflow;

/**
 * The channel kinds that carry ledger elements. Timer channels ({@code after}, {@code tick})
 * and {@code never} carry no elements the ledger could account for; {@link RoundChannels}
 * adds them to the rounds' selects and checks them on their own terms.
 *
 * <p>Each kind is made by a function of the round's {@link Ledger}, so that a kind which hands
 * undelivered elements to a handler (the lifecycle kinds: drop policies, conflated, cancel)
 * is one more constant whose factory passes {@code ledger::handled} as that handler
 * ({@link Ledger#dropped} for a drop policy, which also checks which end it dropped); the
 * ledger then counts those elements as delivered exactly once, like received ones.
 *
 * <p>The bounded capacities cover each layout of the ring: 1 (one slot), 3, 5 and 16 (each
 * slot on its own cache lines; 3 and 5 index by remainder, 16 by mask) and 1024 (packed); each
 * drop policy has the one-slot layout and a spread one.
 */
enum ChannelKind {
    UNBUFFERED("unbuffered", ledger -> Channels.unbuffered()),
    BUFFERED_1("buffered(1)", ledger -> bounded(ledger, 1, Overflow.BLOCK)),
    BUFFERED_16("buffered(16)", ledger -> bounded(ledger, 16, Overflow.BLOCK)),
    BUFFERED_5("buffered(5)", ledger -> bounded(ledger, 5, Overflow.BLOCK)),
    BUFFERED_1024("buffered(1024)", ledger -> bounded(ledger, 1024, Overflow.BLOCK)),
    UNBOUNDED("unbounded", ledger -> Channels.<Long>builder().unbounded().onUndelivered(ledger::handled).build()),
    CONFLATED("conflated", ledger -> bounded(ledger, 1, Overflow.DROP_OLDEST)),
    DROP_OLDEST_16("buffered(16) DROP_OLDEST", ledger -> bounded(ledger, 16, Overflow.DROP_OLDEST)),
    DROP_OLDEST_3("buffered(3) DROP_OLDEST", ledger -> bounded(ledger, 3, Overflow.DROP_OLDEST)),
    DROP_LATEST_16("buffered(16) DROP_LATEST", ledger -> bounded(ledger, 16, Overflow.DROP_LATEST)),
    DROP_LATEST_1("buffered(1) DROP_LATEST", ledger -> bounded(ledger, 1, Overflow.DROP_LATEST));

    private final String label;
    private final Function<Ledger, Channel<Long>> factory;

    ChannelKind(String label, Function<Ledger, Channel<Long>> factory) {
        this.label = label;
        this.factory = factory;
    }

    /** A bounded channel whose dropped or cancelled elements go to the ledger's handled column. */
    private static Channel<Long> bounded(Ledger ledger, int capacity, Overflow overflow) {
        final String kind = "buffered(" + capacity + ") " + overflow;
        return Channels.<Long>builder().capacity(capacity).overflow(overflow)
                .onUndelivered(overflow == Overflow.BLOCK ? ledger::handled : id -> ledger.dropped(id, overflow, kind))
                .build();
    }

    Channel<Long> open(Ledger ledger) {
        return factory.apply(ledger);
    }

    /** Whether a {@code trySend} on an open channel of this kind must succeed. */
    boolean neverFull() {
        return this == UNBOUNDED || this == CONFLATED || this == DROP_OLDEST_16 || this == DROP_OLDEST_3
                || this == DROP_LATEST_16 || this == DROP_LATEST_1;
    }

    @Override
    public String toString() {
        return label;
    }
}
