package org.channels4j.contract;

import java.time.Duration;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;

/**
 * The kinds of wait the "Virtual threads" rules are checked on, each started on its own thread
 * and returned once it is parked in the channel: a receive, a send on a full buffer, a send on
 * an unbuffered channel, a timed receive, a select receiving with a timeout, and a select
 * sending on the full buffer and the unbuffered channel (two send nodes) with a timeout.
 * Closing the three channels ends them all. (The two unbuffered sends and the select's send
 * were added on 2026-12-06, when a review found that no parked send clause and no parked
 * unbuffered send was checked.)
 */
final class BlockedWaits {
    private BlockedWaits() {
    }

    /**
     * @param channel an empty channel to receive from
     * @param full a buffered(1) channel already holding one element
     * @param rendezvous an unbuffered channel nobody receives from
     */
    static List<Forked<?>> start(ThreadKind kind, String prefix, Channel<String> channel, Channel<String> full,
                                 Channel<String> rendezvous) {
        final List<Forked<?>> waiters = List.of(
                Forked.start(kind, prefix + "receive", channel::receive),
                Forked.run(kind, prefix + "send", () -> full.send("blocked")),
                Forked.run(kind, prefix + "unbuffered send", () -> rendezvous.send("blocked")),
                Forked.start(kind, prefix + "timed receive", () -> channel.tryReceive(Duration.ofMinutes(1))),
                Forked.start(kind, prefix + "select", () -> Select.select(
                        channel.onReceive(), Select.onTimeout(Duration.ofMinutes(1), () -> "timeout"))),
                Forked.start(kind, prefix + "select send", () -> Select.select(
                        full.onSend("blocked", () -> "full"), rendezvous.onSend("blocked", () -> "rendezvous"),
                        Select.onTimeout(Duration.ofMinutes(1), () -> "timeout"))));
        for (Forked<?> waiter : waiters) {
            waiter.awaitBlocked();
        }
        return waiters;
    }
}
