package org.channels4j;

/**
 * One case of a {@link Select}: a send, a receive, a timeout or a default, together with what
 * the select returns when the case is chosen.
 *
 * <p>Clauses are immutable and reusable: build them once, outside a loop, and pass them to as
 * many selects as you like. They are created by {@link SendChannel#onSend},
 * {@link ReceiveChannel#onReceive()}, {@link ReceiveChannel#onReceiveOrClosed},
 * {@link Select#onTimeout} and {@link Select#orElse}; implement it nowhere else.
 *
 * @param <R> the type of the select's result when this clause is chosen
 */
public interface SelectClause<R> {
}
