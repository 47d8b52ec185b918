package org.channels4j.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.ChannelInterruptedException;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Select;
import org.channels4j.SelectClause;

/**
 * One thread of random traffic: until its round winds down or the fault injector retires it,
 * it picks an operation and a channel from its own seeded random stream and records the fate
 * of every element in its {@link OperationLog}.
 *
 * <p>The operations: {@code send}, {@code trySend} and timed {@code trySend}; {@code receive},
 * {@code tryReceive} and timed {@code tryReceive}; a select receiving from every channel of
 * the round; one to eight elements by {@code iterator} or {@code stream}; and selects of 2 to
 * 4 clauses mixing {@code onSend}, the three receive clauses, {@code onTimeout},
 * {@code orElse}, the round's shared {@code after}, its {@code tick}, a fresh {@code after},
 * {@code never}, the round's {@code fromFuture} channel ({@code onReceiveOrClosed}), and
 * {@code done()} of the round's {@link org.channels4j.Context} or of a child
 * of it made for that select (and closed after it). Between operations a worker now and then
 * tries the future's channel or the shared {@code after} with {@code tryReceive}. A worker's {@link Role} sets the shares. A quarter of the clauses reuse
 * the previous clause's channel, so one channel often appears twice in a select, as sender and
 * receiver. Channels the injector closed stay in play, so operations and clauses on closed
 * channels are common. Now and then a worker closes a channel itself, racing other closes.
 * Timeouts are zero a quarter of the time, else up to 2 ms.
 *
 * <p>Accounting follows {@link Ledger}: an element counts as accepted only when its send
 * returned normally, its {@code trySend} returned true, or its clause was chosen; a send that
 * threw {@link InterruptedException} or {@link ChannelClosedException}, timed out or returned
 * false is recorded as refused. Interrupts from the injector are expected and swallowed (an
 * interrupt that lands while the worker is running stays pending and fails its next blocking
 * operation). Any other exception escaping the channels fails the round.
 *
 * <p>When the round winds down, the worker finishes its operation and then, until the round's
 * {@link WakeCheck} is done, only waits to receive: {@code receive}, a select receiving from
 * every channel, or an iteration, on open channels, so that the check's probe elements have a
 * receiver waiting for them.
 *
 * <p>Around every operation that can wait without a bound (an untimed {@code send} or
 * {@code receive}, an iteration, a select without a timeout, {@code orElse}, {@code tick} or
 * fresh {@code after}) the worker publishes a {@link Waiting} naming the channels it waits to
 * receive from and send to, in one volatile field, for the round's {@link WakeCheck}.
 */
final class Worker implements Runnable {
    /** Senders are numbered across the whole run, so ids are unique across rounds. */
    private static final AtomicLong SENDERS = new AtomicLong();
    /** The worker a thread runs, for the drop-policy check of the undelivered-element handler ({@link Ledger#dropped}). */
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    private final Round round;
    private final RoundChannels channels;
    private final Tally tally;
    private final SplittableRandom random;
    private final OperationLog log;
    private final long sender = newSender();
    private final Role role;
    private long sequence;
    /** The first id of the send or select with send clauses in progress, or 0 outside one; its own thread's. */
    private long offeringFrom;
    private volatile boolean retired;
    /** The operation without a bound this worker is in, or null; read by the {@link WakeCheck}. */
    private volatile Waiting waiting;
    /** {@code {c}} for each channel c, and every channel: the clauses of the common waits, allocated once. */
    private final int[][] justChannel;
    private final int[] everyChannel;

    Worker(Round round, String name, int index, SplittableRandom random) {
        this.round = round;
        this.channels = round.channels();
        this.tally = round.tally();
        this.random = random;
        this.log = round.ledger().openLog(name, channels.size());
        this.role = Role.values()[index % Role.values().length]; // every round has each role
        this.justChannel = new int[channels.size()][];
        this.everyChannel = new int[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            justChannel[c] = new int[] {c};
            everyChannel[c] = c;
        }
    }

    /** For the wake-up check's reports: the thread's name. */
    String name() {
        return log.owner;
    }

    /** The operation without a bound this worker is in now, or null. */
    Waiting waiting() {
        return waiting;
    }

    /** Asks the worker to stop after its current operation. */
    void retire() {
        retired = true;
    }

    /** A sender number no other sender of the run has: the high 32 bits of its elements' ids. */
    static long newSender() {
        return SENDERS.incrementAndGet();
    }

    /** The worker that runs the calling thread, or null. */
    static Worker current() {
        return CURRENT.get();
    }

    /** Whether this worker, on its own thread, is in a send or a select with send clauses. */
    boolean offering() {
        return offeringFrom != 0;
    }

    /** Whether {@code id} is one of the elements the send or select in progress offers. */
    boolean offers(long id) {
        return offeringFrom != 0 && id >= offeringFrom && id <= (sender << 32 | sequence);
    }

    /** A fresh element: this worker's sender number above, its own sequence below. */
    private long nextId() {
        return sender << 32 | ++sequence;
    }

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            while (!round.windingDown() && !retired) {
                step();
            }
            // the wind-down: wait to receive, for the wake-up check's probes, until it is done
            while (!retired && round.probing() && waitToReceive()) {
                // until the check is done, or every channel is closed
            }
        } catch (Throwable t) {
            round.ledger().violation(log.owner + " failed: " + Round.stackTrace(t));
        }
    }

    /**
     * What a worker mostly does, in percent of its operations. Roles keep elements flowing:
     * with every worker choosing uniformly, all of them soon sit in untimed operations on
     * different channels (a receive here, an unbuffered send there) and the traffic is
     * reduced to what the interrupts release. Producers mostly send; consumers mostly receive,
     * half of the time from whichever channel is ready; mixed workers do everything.
     */
    private enum Role {
        PRODUCER(70, 10, 0, 2, 17),
        CONSUMER(10, 25, 45, 8, 11),
        MIXED(28, 28, 5, 8, 30);

        private final int sends;
        private final int receives;
        private final int receivesFromAny;
        private final int iterations;
        private final int selects; // the rest, 1 in 100: the shared after() by tryReceive, or a close

        Role(int sends, int receives, int receivesFromAny, int iterations, int selects) {
            this.sends = sends;
            this.receives = receives;
            this.receivesFromAny = receivesFromAny;
            this.iterations = iterations;
            this.selects = selects;
        }
    }

    private void step() {
        int pick = random.nextInt(100);
        if ((pick -= role.sends) < 0) {
            sendOne();
        } else if ((pick -= role.receives) < 0) {
            receiveOne();
        } else if ((pick -= role.receivesFromAny) < 0) {
            receiveFromAny(random.nextBoolean());
        } else if ((pick -= role.iterations) < 0) {
            final int c = random.nextInt(channels.size());
            iterate(c, channels.channel(c), random.nextBoolean());
        } else if ((pick -= role.selects) < 0) {
            select();
        } else if (random.nextInt(100) == 0) {
            channels.close(random.nextInt(channels.size()), random.nextBoolean(), random.nextInt(3) == 0, log.owner,
                    round.ledger(), tally);
        } else if (random.nextInt(4) == 0) {
            channels.tryFuture(log.owner, round.ledger());
        } else if (channels.sharedAfter.tryReceive() != null) {
            channels.afterDelivered();
        }
    }

    private void sendOne() {
        final int c = random.nextInt(channels.size());
        final Channel<Long> ch = channels.channel(c);
        switch (random.nextInt(3)) {
            case 0 -> send(c, Op.SEND, id -> {
                waiting = new Waiting(Op.SEND.toString(), Waiting.NONE, justChannel[c]);
                try {
                    ch.send(id);
                } finally {
                    waiting = null;
                }
                return true;
            });
            case 1 -> send(c, Op.TRY_SEND, ch::trySend);
            default -> {
                final Duration timeout = shortTimeout();
                send(c, Op.TRY_SEND_TIMED, id -> ch.trySend(id, timeout));
            }
        }
    }

    /**
     * One receive-type operation without a bound: a {@code receive}, a select receiving from
     * every channel, or an iteration, for the {@link WakeCheck}'s probes; only on open channels,
     * so that it waits. Returns false, having done nothing, if every channel is closed.
     */
    private boolean waitToReceive() {
        // the open channels, read once: a worker still finishing its last traffic step may close one
        final int[] openChannels = new int[channels.size()];
        int open = 0;
        for (int c = 0; c < channels.size(); c++) {
            if (!channels.channel(c).isClosedForSend()) {
                openChannels[open++] = c;
            }
        }
        if (open == 0) {
            return false;
        }
        final int c = openChannels[random.nextInt(open)];
        switch (random.nextInt(3)) {
            case 0 -> receiveUntimed(c, channels.channel(c));
            case 1 -> {
                if (open == channels.size()) {
                    receiveFromAny(false); // a select with a clause on a closed channel would throw at once
                } else {
                    receiveUntimed(c, channels.channel(c));
                }
            }
            default -> iterate(c, channels.channel(c), random.nextBoolean());
        }
        return true;
    }

    private void receiveUntimed(int c, Channel<Long> ch) {
        receive(c, Op.RECEIVE, () -> {
            waiting = new Waiting(Op.RECEIVE.toString(), justChannel[c], Waiting.NONE);
            try {
                return ch.receive();
            } finally {
                waiting = null;
            }
        });
    }

    private void receiveOne() {
        final int c = random.nextInt(channels.size());
        final Channel<Long> ch = channels.channel(c);
        switch (random.nextInt(3)) {
            case 0 -> receiveUntimed(c, ch);
            case 1 -> receive(c, Op.TRY_RECEIVE, ch::tryReceive);
            default -> {
                final Duration timeout = shortTimeout();
                receive(c, Op.TRY_RECEIVE_TIMED, () -> ch.tryReceive(timeout));
            }
        }
    }

    /** A select receiving from every channel of the round, half of the time with a timeout. */
    private void receiveFromAny(boolean timed) {
        final List<SelectClause<Object>> clauses = new ArrayList<>(channels.size() + 1);
        for (int c = 0; c < channels.size(); c++) {
            final int on = c;
            clauses.add(channels.channel(c).onReceive(e -> new Got(on, e, Op.SELECT_RECEIVE)));
        }
        if (timed) {
            clauses.add(Select.onTimeout(shortTimeout(), () -> Timed.TIMEOUT));
        } else {
            waiting = new Waiting("select receiving from every channel", everyChannel, Waiting.NONE);
        }
        final Object result;
        try {
            result = Select.select(clauses);
        } catch (InterruptedException e) {
            return;
        } catch (ChannelClosedException e) {
            tally.selected();
            return;
        } finally {
            waiting = null;
        }
        tally.selected();
        if (result instanceof Got got) {
            received(got.channel(), got.op(), got.id());
        }
    }

    private interface Sending {
        boolean offer(Long id) throws InterruptedException;
    }

    private interface Receiving {
        Long take() throws InterruptedException;
    }

    private void send(int c, Op op, Sending sending) {
        final long id = nextId();
        final Long element = id; // the object the channel gets: some are watched until collected
        if (sequence % ElementWatch.EVERY == 0) {
            round.watch(element);
        }
        round.sendStarted();
        offeringFrom = id;
        try {
            if (sending.offer(element)) {
                accepted(c, op, id);
            } else {
                log.refused(c, op, Outcome.RETURNED_FALSE, id);
                if (op == Op.TRY_SEND && channels.kind(c).neverFull()) {
                    round.ledger().violation(log.owner + ": trySend returned false on an open " + channels.describe(c));
                }
            }
        } catch (InterruptedException e) {
            log.refused(c, op, Outcome.INTERRUPTED, id);
            if (channels.kind(c).neverFull()) {
                round.ledger().violation(log.owner + ": " + op + " on " + channels.describe(c)
                        + " threw InterruptedException, but a send that need not block must complete");
            }
        } catch (ChannelClosedException e) {
            log.refused(c, op, Outcome.CLOSED, id);
            log.sawCause(c, e.getCause());
        } finally {
            offeringFrom = 0;
            round.sendFinished();
        }
    }

    private void receive(int c, Op op, Receiving receiving) {
        try {
            final Long e = receiving.take();
            if (e != null) {
                received(c, op, e);
            } else if (op == Op.RECEIVE) {
                round.ledger().violation(log.owner + ": receive returned null on " + channels.describe(c));
            }
        } catch (InterruptedException e) {
            // the interrupt ended the wait and nothing was taken
        } catch (ChannelClosedException e) {
            log.sawCause(c, e.getCause());
        }
    }

    /** Takes one to eight elements by iterator or stream; both end early when closed and drained. */
    private void iterate(int c, Channel<Long> ch, boolean byStream) {
        final int limit = 1 + random.nextInt(8);
        final Op op = byStream ? Op.STREAM : Op.ITERATOR;
        int taken = 0;
        waiting = new Waiting(op.toString(), justChannel[c], Waiting.NONE);
        try {
            if (byStream) {
                ch.stream().limit(limit).forEach(e -> received(c, op, e));
                return;
            }
            final Iterator<Long> it = ch.iterator();
            // hasNext() only when next() follows: a hasNext() that returned true holds an element
            while (taken < limit && it.hasNext()) {
                received(c, op, it.next());
                taken++;
            }
            if (taken < limit && !ch.isClosedForReceive()) {
                round.ledger().violation(log.owner + ": iteration ended on " + channels.describe(c)
                        + ", which is not closed and drained");
            }
        } catch (ChannelClosedException e) {
            log.sawCause(c, e.getCause());
        } catch (ChannelInterruptedException e) {
            if (!Thread.interrupted()) {
                round.ledger().violation(log.owner + ": " + op + " threw ChannelInterruptedException "
                        + "without leaving the interrupt status set");
            }
        } finally {
            waiting = null;
        }
    }

    private record Sent(int channel, long id) {
    }

    private record Got(int channel, long id, Op op) {
    }

    private record ClosedSeen(int channel, Throwable cause) {
    }

    private record DoneSeen(Context context, Throwable cause) {
    }

    private record FutureGot(Long value) {
    }

    private record FutureClosed(Throwable cause) {
    }

    private enum Timed { TIMEOUT, OR_ELSE, SHARED_AFTER, TICK, FRESH_AFTER, NEVER, DONE_DELIVERED }

    private void select() {
        final int n = 2 + random.nextInt(3);
        final List<SelectClause<?>> clauses = new ArrayList<>(n);
        final long[] offered = new long[n];
        final int[] offeredOn = new int[n];
        int offers = 0;
        int raw = -1;
        boolean timeout = false;
        boolean orElse = false;
        boolean ends = false; // some clause is sure to become ready: a channel, a timeout, orElse, a timer
        boolean bounded = false; // a timeout, orElse, tick or fresh after ends the wait by itself
        final int[] receivesFrom = new int[n];
        int receives = 0;
        int c = random.nextInt(channels.size());
        Context child = null; // a child of the round's context for this select's done() clause, closed after it
        final long firstOffer = sender << 32 | sequence + 1; // nextId()'s next: the first onSend's element, if any
        for (int k = 0; k < n; k++) {
            if (k > 0 && random.nextInt(4) != 0) {
                c = random.nextInt(channels.size());
            }
            final Channel<Long> ch = channels.channel(c);
            final int on = c;
            final int pick = random.nextInt(100);
            if (pick < 35) {
                final long id = nextId();
                offered[offers] = id;
                offeredOn[offers++] = c;
                clauses.add(ch.onSend(id, () -> new Sent(on, id)));
                ends = true;
            } else if (pick < 50) {
                clauses.add(ch.onReceive(e -> new Got(on, e, Op.SELECT_RECEIVE)));
                receivesFrom[receives++] = c;
                ends = true;
            } else if (pick < 60) {
                clauses.add(ch.onReceiveOrClosed(e -> new Got(on, e, Op.SELECT_RECEIVE_OR_CLOSED),
                        cause -> new ClosedSeen(on, cause)));
                receivesFrom[receives++] = c;
                ends = true;
            } else if (pick < 68 && raw < 0) {
                raw = c; // the only clause whose result is the bare element
                clauses.add(ch.onReceive());
                receivesFrom[receives++] = c;
                ends = true;
            } else if (pick < 76 && !timeout) {
                timeout = true;
                clauses.add(Select.onTimeout(shortTimeout(), () -> Timed.TIMEOUT));
                ends = true;
                bounded = true;
            } else if (pick < 82 && !orElse) {
                orElse = true;
                clauses.add(Select.orElse(() -> Timed.OR_ELSE));
                ends = true;
                bounded = true;
            } else if (pick < 85) {
                clauses.add(channels.sharedAfter.onReceive(t -> Timed.SHARED_AFTER));
            } else if (pick < 88) {
                // may never become ready: the future may stay incomplete all round
                clauses.add(channels.fromFuture.onReceiveOrClosed(FutureGot::new, FutureClosed::new));
            } else if (pick < 93) {
                clauses.add(channels.tick.onReceive(t -> Timed.TICK));
                ends = true;
                bounded = true;
            } else if (pick < 95) {
                clauses.add(Channels.after(shortTimeout()).onReceive(t -> Timed.FRESH_AFTER));
                ends = true;
                bounded = true;
            } else if (pick < 98) {
                final Context ctx = random.nextBoolean() || child != null
                        ? channels.context
                        : (child = channels.context.withCancel());
                clauses.add(ctx.done().onReceiveOrClosed(v -> Timed.DONE_DELIVERED, cause -> new DoneSeen(ctx, cause)));
            } else {
                clauses.add(channels.never.onReceive(e -> Timed.NEVER));
            }
        }
        if (!ends) {
            // only never(), the shared after(), which may have fired already, the future, which
            // may never complete, and done(), which may fire only at the wind-down: a select
            // that could rightly block that long would
            // hang the end of the round
            clauses.set(n - 1, Select.onTimeout(shortTimeout(), () -> Timed.TIMEOUT));
            bounded = true;
        }
        final Object result;
        if (offers > 0) {
            round.sendStarted();
            offeringFrom = firstOffer;
        }
        if (!bounded) {
            // the last clause may have been replaced above, but only when no clause was on a channel
            waiting = new Waiting("select", Arrays.copyOf(receivesFrom, receives), Arrays.copyOf(offeredOn, offers));
        }
        try {
            final SelectClause<?>[] array = clauses.toArray(new SelectClause<?>[0]);
            result = switch (random.nextInt(3)) {
                case 0 -> Select.select(array);
                case 1 -> Select.selectBiased(array);
                default -> Select.select(clauses);
            };
        } catch (InterruptedException e) {
            refuseAll(offered, offeredOn, offers, Outcome.INTERRUPTED, -1);
            return;
        } catch (ChannelClosedException e) {
            tally.selected();
            refuseAll(offered, offeredOn, offers, Outcome.CLOSED, -1);
            return;
        } finally {
            waiting = null;
            offeringFrom = 0;
            if (offers > 0) {
                round.sendFinished();
            }
            if (child != null) {
                child.close();
            }
        }
        tally.selected();
        long chosen = -1;
        if (result instanceof Sent sent) {
            accepted(sent.channel(), Op.SELECT_SEND, sent.id());
            chosen = sent.id();
        } else if (result instanceof Got got) {
            received(got.channel(), got.op(), got.id());
        } else if (result instanceof Long e) {
            received(raw, Op.SELECT_RECEIVE_RAW, e);
        } else if (result instanceof ClosedSeen closed) {
            log.sawCause(closed.channel(), closed.cause());
        } else if (result == Timed.SHARED_AFTER) {
            channels.afterDelivered();
        } else if (result == Timed.TICK) {
            channels.tickDelivered();
        } else if (result == Timed.NEVER) {
            round.ledger().violation(log.owner + ": a select chose a clause on never()");
        } else if (result instanceof FutureGot got) {
            channels.futureDelivered(got.value(), log.owner, round.ledger());
        } else if (result instanceof FutureClosed closed) {
            channels.futureClosedSeen(closed.cause(), log.owner, round.ledger());
        } else if (result instanceof DoneSeen done) {
            channels.doneSeen(done.context(), done.cause(), log.owner, round.ledger());
        } else if (result == Timed.DONE_DELIVERED) {
            round.ledger().violation(log.owner + ": a context's done() delivered an element");
        }
        refuseAll(offered, offeredOn, offers, Outcome.NOT_CHOSEN, chosen);
    }

    private void refuseAll(long[] offered, int[] offeredOn, int offers, Outcome outcome, long except) {
        for (int k = 0; k < offers; k++) {
            if (offered[k] != except) {
                log.refused(offeredOn[k], Op.SELECT_SEND, outcome, offered[k]);
            }
        }
    }

    private void accepted(int c, Op op, long id) {
        log.accepted(c, op, id);
        tally.accepted();
    }

    private void received(int c, Op op, long id) {
        log.received(c, op, id);
        tally.received();
    }

    /** Zero a quarter of the time, else up to 2 ms. */
    private Duration shortTimeout() {
        return random.nextInt(4) == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(1_000, 2_000_000));
    }
}
