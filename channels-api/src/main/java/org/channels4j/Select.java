package org.channels4j;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Go's {@code select}: wait on several channel operations at once and complete exactly one.
 *
 * <pre>{@code
 * String r = Select.select(
 *         results.onReceive(v -> "got " + v),
 *         quit.onReceiveOrClosed(v -> "quit", cause -> "closed"),
 *         Select.onTimeout(Duration.ofSeconds(1), () -> "timeout"));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A select blocks until at least one clause can proceed, completes exactly one of them
 *       and returns that clause's result. The others have no effect.</li>
 *   <li>{@link #select} picks uniformly at random among the clauses ready at once, as Go does;
 *       {@link #selectBiased} picks the first ready clause in argument order.</li>
 *   <li>A clause on a closed channel is ready: {@code onReceive}/{@code onSend} then throw
 *       {@link ChannelClosedException} out of the select, and {@code onReceiveOrClosed} runs
 *       its closed branch.</li>
 *   <li>{@link #orElse} (Go's {@code default}) runs only if no other clause is ready at one
 *       instant during the call: a clause that was ready when the call began but was taken by
 *       another thread before that instant does not keep it from running.
 *       {@link #onTimeout} runs if nothing else became ready in time.</li>
 *   <li>One channel may appear in several clauses, as sender and receiver; a select never
 *       matches itself.</li>
 *   <li>An interrupted select throws {@link InterruptedException} and completed none of its
 *       clauses. A select entered with the interrupt status set that finds a clause ready
 *       completes it and keeps the status, as a plain send or receive does; one that would
 *       have to block throws at once. A select woken to try again tries its clauses once
 *       before it looks at the interrupt. In channels-impl a select over one channel can be
 *       served by a partner on a buffered channel, and then waits for it as a plain receive
 *       or send does ({@link ReceiveChannel}, "Interrupts"); a select over several channels
 *       is never served, only woken, so its interrupt and timeout wait for no one.</li>
 *   <li>An array passed to {@link #select(SelectClause[])} or {@link #selectBiased} is read
 *       during the call, not copied, so it must not be modified until the select returns;
 *       the varargs form, which makes a new array at each call, never shares one. Decided
 *       (2026-12-06): a copy would cost every select an allocation, where a select that finds a
 *       clause ready allocates nothing and a blocked one only its nodes ({@code SelectCost} in
 *       channels-jmh). A clause array
 *       changed while a select is registered on its channels is a programming error with
 *       undefined results, like an array sorted while another thread writes it: the select
 *       may throw with its nodes still registered, after which an element sent to it can be
 *       lost and other threads' operations on those channels can wait for ever.</li>
 * </ul>
 */
public final class Select {
    private Select() {
    }

    /**
     * Completes exactly one clause, chosen uniformly at random among those ready.
     *
     * <p>The chosen clause takes effect (its element is received or sent) before its function
     * runs; an exception from that function propagates out of the select with the clause's
     * effect kept.
     *
     * @param clauses the clauses, at least one, none null
     * @param <R> the result type
     * @return the chosen clause's result
     * @throws InterruptedException if interrupted while blocked; no clause completed
     * @throws IllegalArgumentException if there are no clauses, more than one {@code orElse},
     *         a clause this implementation did not create, or more clauses than the
     *         implementation takes (channels-impl: 65,536, the limit of Go's
     *         {@code reflect.Select})
     * @throws NullPointerException if a clause is null
     * @throws ChannelClosedException if the chosen clause is an {@code onReceive} without a
     *         closed function on a channel closed and drained, or an {@code onSend} on a closed
     *         channel (as their {@code receive} and {@code send} would throw)
     */
    @SafeVarargs
    public static <R> R select(SelectClause<? extends R>... clauses) throws InterruptedException {
        SelectClause<? extends R>[] checked = checked(clauses);
        return ProviderLookup.provider().select(checked, false);
    }

    /**
     * Completes exactly one clause, the first ready one in argument order.
     *
     * <p>Decision: the preference is checked clause by clause, not on an atomic snapshot of all
     * the channels (a lock-free select cannot take one). If an earlier clause becomes ready
     * while a later one is being completed, the later one may still win. The select itself
     * is atomic: it completes exactly one clause, at one instant.
     *
     * @param clauses the clauses, at least one, none null
     * @param <R> the result type
     * @return the chosen clause's result
     * @throws InterruptedException if interrupted while blocked; no clause completed
     * @throws IllegalArgumentException as for {@link #select(SelectClause[])}
     * @throws NullPointerException if a clause is null
     * @throws ChannelClosedException as for {@link #select(SelectClause[])}
     */
    @SafeVarargs
    public static <R> R selectBiased(SelectClause<? extends R>... clauses) throws InterruptedException {
        SelectClause<? extends R>[] checked = checked(clauses);
        return ProviderLookup.provider().select(checked, true);
    }

    /**
     * {@link #select(SelectClause[])} over a list of clauses, for a number known only at run
     * time. The list is copied when the call starts: a change to it afterwards has no effect
     * on this select.
     *
     * @param clauses the clauses, at least one, none null
     * @param <R> the result type
     * @return the chosen clause's result
     * @throws InterruptedException if interrupted while blocked; no clause completed
     * @throws IllegalArgumentException as for {@link #select(SelectClause[])}
     * @throws NullPointerException if the list or a clause in it is null
     * @throws ChannelClosedException as for {@link #select(SelectClause[])}
     */
    public static <R> R select(List<? extends SelectClause<? extends R>> clauses) throws InterruptedException {
        Objects.requireNonNull(clauses, "clauses");
        @SuppressWarnings("unchecked")
        SelectClause<? extends R>[] array = clauses.toArray(new SelectClause[0]);
        checked(array); // before the lookup: bad arguments fail the same with or without a provider
        return ProviderLookup.provider().select(array, false);
    }

    /**
     * A clause that is chosen if no other clause became ready within {@code timeout} of the
     * select's start. Starts no thread: the select parks against the deadline.
     *
     * <p>Once the timeout has expired it is chosen only when no other clause is ready at the
     * moment the select looks, also by {@link #select}, which otherwise picks at random, and by
     * {@link #selectBiased} wherever it stands in the argument order: with
     * {@code Duration.ZERO} a select takes a ready clause if there is one and times out at
     * once if not. Decision (2026-12-06): Go's {@code case <-time.After(d)} is a channel
     * that, once fired, is drawn among the ready cases like any other;
     * {@code Channels.after(d).onReceive()} behaves so.
     *
     * @param timeout how long to wait, zero or more; 2<sup>62</sup> ns (about 146 years) or more
     *        is taken as 2<sup>62</sup> ns: in effect, no timeout
     * @param then the select's result on timeout
     * @param <R> the result type
     * @return the clause, immutable and reusable (each select measures from its own start)
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if an argument is null
     */
    public static <R> SelectClause<R> onTimeout(Duration timeout, Supplier<? extends R> then) {
        Channels.requireNonNegative(timeout, "timeout");
        Objects.requireNonNull(then, "then");
        return ProviderLookup.provider().onTimeout(timeout, then);
    }

    /**
     * Go's {@code default}: a clause chosen only if no other clause is ready at one instant
     * during the call (see the class comment), which makes the select non-blocking.
     *
     * @param then the select's result when nothing else is ready
     * @param <R> the result type
     * @return the clause, immutable and reusable
     * @throws NullPointerException if {@code then} is null
     */
    public static <R> SelectClause<R> orElse(Supplier<? extends R> then) {
        Objects.requireNonNull(then, "then");
        return ProviderLookup.provider().orElse(then);
    }

    private static <T> T[] checked(T[] clauses) {
        Objects.requireNonNull(clauses, "clauses");
        if (clauses.length == 0) {
            throw new IllegalArgumentException("select needs at least one clause");
        }
        for (int i = 0; i < clauses.length; i++) {
            if (clauses[i] == null) {
                throw new NullPointerException("select clause " + i + " is null");
            }
        }
        return clauses;
    }
}
