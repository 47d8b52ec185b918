package org.channels4j.stress.broken;

/**
 * The outcome word of {@code org.channels4j.impl.Waiter} with its commit weakened from one CAS
 * to a volatile read followed by a volatile write: the "non-CAS select commit". Two
 * completers that both read "waiting" both believe they committed the select.
 */
final class CheckThenSetWaiter {
    private volatile Object outcome;

    boolean tryComplete(Object result) {
        if (outcome == null) { // FLAW: another completer can pass this check before the write below
            outcome = result;
            return true;
        }
        return false;
    }

    Object outcome() {
        return outcome;
    }
}
