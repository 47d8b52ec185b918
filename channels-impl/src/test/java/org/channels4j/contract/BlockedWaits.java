package org.channels4j.contract;

import java.time.Duration;
import java.util.List;
import org.channels4j.Channel;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;

/**
 * The four kinds of wait the "Virtual threads" rules are checked on, each started on its own
 * thread and returned once it is parked in the channel: a receive, a send on a full buffer, a
 * timed receive and a select with a timeout. Closing both channels ends them all.
 */
final class BlockedWaits {
    private BlockedWaits() {
    }

    /**
     * @param channel an empty channel to receive from
     * @param full a buffered(1) channel already holding one element
     */
    static List<Forked<?>> start(ThreadKind kind, String prefix, Channel<String> channel, Channel<String> full) {
        final List<Forked<?>> waiters = List.of(
                Forked.start(kind, prefix + "receive", channel::receive),
                Forked.run(kind, prefix + "send", () -> full.send("blocked")),
                Forked.start(kind, prefix + "timed receive", () -> channel.tryReceive(Duration.ofMinutes(1))),
                Forked.start(kind, prefix + "select", () -> Select.select(
                        channel.onReceive(), Select.onTimeout(Duration.ofMinutes(1), () -> "timeout"))));
        for (Forked<?> waiter : waiters) {
            waiter.awaitBlocked();
        }
        return waiters;
    }
}
