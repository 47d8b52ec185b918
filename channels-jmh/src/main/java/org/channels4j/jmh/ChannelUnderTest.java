package org.channels4j.jmh;

/**
 * The four operations every benchmark needs, over channels4j and over each peer, so that one
 * benchmark method measures them all. Each JMH fork creates a single implementation, so the
 * interface calls are monomorphic and inlined: the adapter costs nothing measurable.
 *
 * <p>{@link #send} and {@link #receive} are each implementation's blocking operations (for the
 * spinning JCTools queue: spin until done). {@link #trySend} and {@link #tryReceive} never
 * block; the group benchmarks switch to them once JMH asks the threads to stop, so that no
 * thread can be left blocked on a partner that has already left the iteration.
 */
public interface ChannelUnderTest {
    /** The only element ever sent: a constant, so that no benchmark allocates its messages. */
    Object MESSAGE = "message";

    /** Sends, blocking while the channel cannot take the element. */
    void send(Object e) throws InterruptedException;

    /** Receives, blocking until an element is there. */
    Object receive() throws InterruptedException;

    /** Sends if that needs no waiting; {@code false} if the element was not taken. */
    boolean trySend(Object e);

    /** Receives if an element is there now; {@code null} if none. */
    Object tryReceive();
}
