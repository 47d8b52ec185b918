package org.channels4j.soak;

import java.util.function.Function;
import org.channels4j.Channel;
import org.channels4j.Channels;

/**
 * The channel kinds that carry ledger elements. Timer channels ({@code after}, {@code tick})
 * and {@code never} carry no elements the ledger could account for; {@link RoundChannels}
 * adds them to the rounds' selects and checks them on their own terms.
 *
 * <p>Each kind is made by a function of the round's {@link Ledger}, so that a kind which hands
 * undelivered elements to a handler (the lifecycle kinds: drop policies, conflated, cancel)
 * is one more constant whose factory passes {@code ledger::handled} as that handler; the
 * ledger then counts those elements as delivered exactly once, like received ones.
 */
enum ChannelKind {
    UNBUFFERED("unbuffered", ledger -> Channels.unbuffered()),
    BUFFERED_1("buffered(1)", ledger -> Channels.buffered(1)),
    BUFFERED_16("buffered(16)", ledger -> Channels.buffered(16)),
    BUFFERED_1024("buffered(1024)", ledger -> Channels.buffered(1024)),
    UNBOUNDED("unbounded", ledger -> Channels.unbounded());

    private final String label;
    private final Function<Ledger, Channel<Long>> factory;

    ChannelKind(String label, Function<Ledger, Channel<Long>> factory) {
        this.label = label;
        this.factory = factory;
    }

    Channel<Long> open(Ledger ledger) {
        return factory.apply(ledger);
    }

    /** Whether a {@code trySend} on an open channel of this kind must succeed. */
    boolean neverFull() {
        return this == UNBOUNDED;
    }

    @Override
    public String toString() {
        return label;
    }
}
