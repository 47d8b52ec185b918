package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code Channels.tick}: a tick every period, holding at most one. A receiver that comes late
 * gets the latest tick that is due and the ones it missed are dropped. The timing is Go's
 * ticker's, whose channel has a buffer of one; the value differs: Go's buffer keeps the oldest
 * undelivered tick, this channel gives the latest due time. No thread: the next tick's time is a CAS-advanced field, and
 * receivers park until it, then race for the tick with that CAS: as for {@link AfterChannel},
 * blocked receivers are not served in arrival order, and a poller can take every tick first.
 */
final class TickChannel extends AbstractReceiveChannel<Instant> {
    private static final VarHandle NEXT_TICK = VarHandles.field(MethodHandles.lookup(), "nextTick", long.class);

    private final long period;
    private final long origin;
    private final Instant originInstant;
    /** {@link System#nanoTime()} of the next tick not yet taken. */
    private volatile long nextTick;

    TickChannel(long periodNanos) {
        super(false);
        this.period = periodNanos;
        this.origin = System.nanoTime();
        this.originInstant = Instant.now();
        this.nextTick = origin + periodNanos;
    }

    private long lvNextTick() {
        return nextTick;
    }

    private boolean casNextTick(long expect, long update) {
        return NEXT_TICK.compareAndSet(this, expect, update);
    }

    @Override
    Object receiveAttempt() {
        for (;;) {
            final long tick = lvNextTick();
            final long late = System.nanoTime() - tick;
            if (late < 0) {
                return Clause.NOT_READY;
            }
            final long latest = tick + late / period * period; // drop the ticks nobody took
            if (casNextTick(tick, latest + period)) {
                return originInstant.plusNanos(latest - origin);
            }
        }
    }

    @Override
    boolean receiveReady(WaitNode own) {
        return System.nanoTime() - lvNextTick() >= 0;
    }

    @Override
    void registerReceiver(WaitNode node) {
        // receivers wait for the deadline, not for another thread: nobody needs to find them
    }

    @Override
    boolean receiveTimed() {
        return true;
    }

    /**
     * How many periods the ticks taken reach past the origin: it grows with every tick taken
     * (the next tick moves on by a period at least), and only then. As for
     * {@link AfterChannel#receiveVersion()}, a tick falling due needs no version, a tick taken
     * does ({@code SelectOrElseTimerTest}). Below 2<sup>61</sup> for 73 years at a 1 ns period.
     */
    @Override
    long receiveVersion() {
        return (lvNextTick() - origin) / period;
    }

    @Override
    long receiveDeadline() {
        return lvNextTick();
    }

    @Override
    Throwable closeCause() {
        return null;
    }

    /**
     * Decision: unsupported. A timer channel belongs to no sender and holds no element, and it
     * is never closed; to stop listening, stop selecting on it.
     */
    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException("the channel of Channels.tick cannot be cancelled: it holds no element and is never closed");
    }

    @Override
    public boolean isClosedForReceive() {
        return false;
    }

    /** The factory call, such as {@code tick(PT0.1S)}; also the ChannelWait event's name for it. */
    @Override
    public String toString() {
        return "tick(" + Duration.ofNanos(period) + ")";
    }
}
