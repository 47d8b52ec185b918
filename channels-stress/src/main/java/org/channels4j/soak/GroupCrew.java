package org.channels4j.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Context;
import org.channels4j.Group;
import org.channels4j.Select;
import org.channels4j.SelectClause;

/**
 * A round's errgroup: a {@link Group} whose context is a child of the round's, running two to
 * five tasks (on its own virtual threads) that move ledger elements on the round's channels.
 * Half of their steps are a select that also waits on the group's {@code done()}, as Go code
 * stops an errgroup's goroutines; a third a timed {@code trySend} or {@code tryReceive} of 0.1
 * to 10 ms, and a sixth a timed receive of as long on {@code never()}, which only the group's
 * interrupt ends early. A third of the crews have a {@link Group#limit limit} of one to
 * three, so that {@code go} blocks the launching thread until a task ends; now and then a
 * task starts another with {@code tryGo} while the group runs. In two crews in three one of the
 * first tasks fails, after a random number of steps, by throwing its own exception.
 *
 * <p>What the crew checks, besides the ledger, which counts its tasks' elements like any
 * worker's (so an element whose send a group's interrupt ended must not have been accepted):
 * <ul>
 *   <li>a task interrupted only after the failure (nothing else interrupts a crew), and a
 *       select's closed branch on {@code done()} carries the cause {@code cause()} reports;</li>
 *   <li>the round's wind-down cancels the group's context, and the launching thread's
 *       {@code await()} must then return within 10 s: every task waits on {@code done()}, so
 *       one that is still blocked was not woken by the cancel;</li>
 *   <li>{@code await()} throws an {@link ExecutionException} whose cause is the failure, with
 *       nothing suppressed (the other tasks end normally or by rethrowing the group's
 *       interrupt, which is not a failure), exactly when a task failed, and returns normally
 *       otherwise; the group's context is done after it, its cause the failure, the
 *       wind-down's, or the round context's.</li>
 * </ul>
 */
final class GroupCrew {
    private static final long FINISH_BOUND_MILLIS = TimeUnit.SECONDS.toMillis(10);
    private static final int MAX_TASKS = 8;
    private static final Object NORMAL = "returned normally";

    private final Round round;
    private final RoundChannels channels;
    private final String name;
    private final Group group;
    private final int initialTasks;
    private final SplittableRandom[] taskRandoms;
    /** The index of the task that fails, or -1. */
    private final int failingTask;
    private final long failAfterSteps;
    private final RuntimeException failure;
    private final Throwable stopCause;
    private final Thread launcher;
    /** The next index for a task started by a task; indexes from {@link #MAX_TASKS} on are never used. */
    private final AtomicInteger nextIndex;
    private volatile boolean failed;
    /** Tasks that ended by rethrowing the group's interrupt. */
    private final AtomicInteger interrupted = new AtomicInteger();
    /** {@link #NORMAL}, or what {@code await} threw; null until it returned. */
    private volatile Object awaitOutcome;

    GroupCrew(Round round, String name, SplittableRandom random) {
        this.round = round;
        this.channels = round.channels();
        this.name = name;
        final int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        final Group g = Group.withContext(channels.context);
        this.group = limit > 0 ? g.limit(limit) : g;
        this.initialTasks = 2 + random.nextInt(4);
        this.nextIndex = new AtomicInteger(initialTasks);
        this.taskRandoms = new SplittableRandom[MAX_TASKS];
        for (int t = 0; t < MAX_TASKS; t++) {
            taskRandoms[t] = random.split();
        }
        this.failingTask = random.nextInt(3) != 0 ? random.nextInt(initialTasks) : -1;
        this.failAfterSteps = random.nextLong(1, 501);
        this.failure = new IllegalStateException("soak: " + name + " task " + failingTask + " fails on purpose");
        this.stopCause = new IllegalStateException("soak: the wind-down stops " + name);
        this.launcher = Thread.ofPlatform().daemon(true).name(name + "-launcher").unstarted(this::launch);
    }

    void start() {
        launcher.start();
    }

    /** "group of 3 tasks, task 2 fails". */
    String describe() {
        return "group of " + initialTasks + " tasks" + (failingTask >= 0 ? ", task " + failingTask + " fails" : "");
    }

    private void launch() {
        try {
            for (int t = 0; t < initialTasks; t++) {
                final int index = t;
                group.go(() -> runTask(index));
            }
            group.await();
            awaitOutcome = NORMAL;
        } catch (Throwable t) {
            awaitOutcome = t;
        }
    }

    /**
     * The wind-down: cancels the group's context and waits for {@code await} to return, then
     * checks what it reported.
     */
    void finish(Ledger ledger) throws InterruptedException {
        group.context().cancel(stopCause);
        launcher.join(FINISH_BOUND_MILLIS);
        if (launcher.isAlive()) {
            ledger.violation(name + ": await() had not returned " + FINISH_BOUND_MILLIS
                    + " ms after the group's context was cancelled; every task waits on its done(): "
                    + Watchdog.threadDump());
            launcher.join();
        }
        final Object outcome = awaitOutcome;
        if (failed) {
            if (!(outcome instanceof ExecutionException e) || e.getCause() != failure || e.getSuppressed().length != 0) {
                ledger.violation(name + ": a task failed with " + failure + ", but await() ended with "
                        + describe(outcome) + "; it must throw ExecutionException caused by the failure, nothing suppressed");
            }
        } else if (outcome != NORMAL) {
            ledger.violation(name + ": no task failed, but await() ended with " + describe(outcome));
        }
        final Context ctx = group.context();
        final Throwable cause = ctx.cause();
        if (!ctx.isDone() || cause == null) {
            ledger.violation(name + ": the group's context is not done after await() returned");
        } else if (cause != failure && cause != stopCause && cause != channels.context.cause()
                && !(cause instanceof TimeoutException && channels.context.deadline().isPresent())) {
            ledger.violation(name + ": the group's context ended with " + cause
                    + ", neither the failure, the wind-down's cancel, nor the round context's cause");
        }
        round.tally().groupFinished(failed, interrupted.get());
    }

    private static String describe(Object outcome) {
        if (outcome == NORMAL) {
            return "a normal return";
        }
        if (outcome instanceof Throwable t) {
            return t + (t.getCause() != null ? " caused by " + t.getCause() : "")
                    + (t.getSuppressed().length > 0 ? " with " + t.getSuppressed().length + " suppressed" : "");
        }
        return String.valueOf(outcome);
    }

    private enum Result { SENT, TIMED_OUT, DONE_DELIVERED }

    private record Stopped(Throwable cause) {
    }

    /**
     * A task's wait ended by an interrupt, which only the group sends, after the failure: the
     * task ends by rethrowing it, which {@code await} must not count as a failure.
     *
     * @return {@code e}, for the caller to throw
     */
    private InterruptedException stoppedByGroup(InterruptedException e, String owner) {
        if (!failed) {
            round.ledger().violation(owner + ": interrupted although no task of the group had failed");
        }
        interrupted.incrementAndGet();
        return e;
    }

    /**
     * A timed receive on {@code never()}: a wait that only its timeout or the group's interrupt
     * ends, so that tasks are often inside one when a failure interrupts them.
     */
    private void neverWait(String owner, SplittableRandom random) throws InterruptedException {
        try {
            if (channels.never.tryReceive(Duration.ofNanos(random.nextLong(100_000, 10_000_000))) != null) {
                round.ledger().violation(owner + ": never() delivered an element");
            }
        } catch (InterruptedException e) {
            throw stoppedByGroup(e, owner);
        }
    }

    /**
     * A timed {@code trySend} or {@code tryReceive}, which waits on no {@code done()}: after a
     * failure only the group's interrupt ends it early, and the task then ends by rethrowing
     * it, which {@code await} must not count as a failure.
     */
    private void timedOperation(int c, Channel<Long> ch, boolean sending, long id, OperationLog log, String owner,
                                SplittableRandom random) throws InterruptedException {
        final Duration timeout = Duration.ofNanos(random.nextLong(100_000, 10_000_000));
        if (sending) {
            round.sendStarted();
        }
        try {
            if (sending) {
                if (ch.trySend(id, timeout)) {
                    log.accepted(c, Op.TRY_SEND_TIMED, id);
                    round.tally().accepted();
                } else {
                    log.refused(c, Op.TRY_SEND_TIMED, Outcome.RETURNED_FALSE, id);
                }
            } else {
                final Long e = ch.tryReceive(timeout);
                if (e != null) {
                    log.received(c, Op.TRY_RECEIVE_TIMED, e);
                    round.tally().received();
                }
            }
        } catch (InterruptedException e) {
            if (sending) {
                log.refused(c, Op.TRY_SEND_TIMED, Outcome.INTERRUPTED, id);
            }
            throw stoppedByGroup(e, owner);
        } catch (ChannelClosedException e) {
            if (sending) {
                log.refused(c, Op.TRY_SEND_TIMED, Outcome.CLOSED, id);
            }
            log.sawCause(c, e.getCause());
        } finally {
            if (sending) {
                round.sendFinished();
            }
        }
    }

    /**
     * One task: selects until the group's context is done. Ends by returning, by rethrowing the
     * group's interrupt, or, for the failing task, by throwing {@link #failure}.
     */
    private Object runTask(int index) throws InterruptedException {
        final SplittableRandom random = taskRandoms[index];
        final String owner = name + "-t" + index;
        final OperationLog log = round.ledger().openLog(owner, channels.size());
        final Tally tally = round.tally();
        final long sender = Worker.newSender();
        long sequence = 0;
        final Context ctx = group.context();
        for (long step = 0; !ctx.isDone(); step++) {
            if (index == failingTask && step == failAfterSteps) {
                failed = true;
                throw failure;
            }
            if (random.nextInt(256) == 0 && nextIndex.get() < MAX_TASKS) {
                final int next = nextIndex.getAndIncrement(); // an index refused by tryGo is not reused
                if (next < MAX_TASKS) {
                    group.tryGo(() -> runTask(next));
                }
            }
            final int c = random.nextInt(channels.size());
            final Channel<Long> ch = channels.channel(c);
            final boolean sending = random.nextBoolean();
            final long id = sender << 32 | ++sequence;
            final int kind = random.nextInt(6);
            if (kind == 5) {
                neverWait(owner, random);
                continue;
            }
            if (kind >= 3) {
                timedOperation(c, ch, sending, id, log, owner, random);
                continue;
            }
            final List<SelectClause<?>> clauses = new ArrayList<>(3);
            if (sending) {
                clauses.add(ch.onSend(id, () -> Result.SENT));
            } else {
                clauses.add(ch.onReceive(e -> e));
            }
            clauses.add(ctx.done().onReceiveOrClosed(v -> Result.DONE_DELIVERED, Stopped::new));
            if (random.nextInt(4) == 0) {
                clauses.add(Select.onTimeout(Duration.ofNanos(random.nextLong(1_000, 1_000_000)), () -> Result.TIMED_OUT));
            }
            final Op op = sending ? Op.SELECT_SEND : Op.SELECT_RECEIVE;
            final Object result;
            if (sending) {
                round.sendStarted();
            }
            try {
                final SelectClause<?>[] array = clauses.toArray(new SelectClause<?>[0]);
                result = random.nextBoolean() ? Select.select(array) : Select.selectBiased(array);
            } catch (InterruptedException e) {
                if (sending) {
                    log.refused(c, op, Outcome.INTERRUPTED, id);
                }
                throw stoppedByGroup(e, owner);
            } catch (ChannelClosedException e) {
                if (sending) {
                    log.refused(c, op, Outcome.CLOSED, id);
                }
                log.sawCause(c, e.getCause());
                tally.selected();
                continue;
            } finally {
                if (sending) {
                    round.sendFinished();
                }
            }
            tally.selected();
            if (result == Result.SENT) {
                log.accepted(c, op, id);
                tally.accepted();
                continue;
            }
            if (sending) {
                log.refused(c, op, Outcome.NOT_CHOSEN, id);
            }
            if (result instanceof Long e) {
                log.received(c, op, e);
                tally.received();
            } else if (result instanceof Stopped stopped) {
                if (stopped.cause() == null || stopped.cause() != ctx.cause()) {
                    round.ledger().violation(owner + ": the group's done() closed with " + stopped.cause()
                            + " while its cause() is " + ctx.cause());
                }
                return null;
            } else if (result == Result.DONE_DELIVERED) {
                round.ledger().violation(owner + ": the group's done() delivered an element");
            }
        }
        return null;
    }
}
