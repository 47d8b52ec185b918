package org.channels4j.impl;

/**
 * The outcome an unbuffered partner gives a waiter when it completes one of the waiter's nodes:
 * the node, and for a receiving node the element handed over ({@code null} for a sending node,
 * whose own element was taken).
 */
record Match(WaitNode node, Object item) {
}
