package org.channels4j.lincheck;

import org.channels4j.Channel;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The non-blocking operations Lincheck mixes with selects over two channels {@code a} and
 * {@code b}: {@code trySend}, {@code tryReceive} and {@code close} on each. The select tests
 * ({@link SelectLincheckTest.TwoChannels}, {@link UnbiasedSelectLincheckTest.TwoChannels})
 * extend it with their selects and choose the channels; Lincheck finds the operations and the
 * {@code element} parameter through the class hierarchy.
 *
 * <p>A thrown {@code ChannelClosedException} is returned as {@link ChannelModel#CLOSED}
 * ({@link ChannelCalls}).
 */
@Param(name = "element", gen = ElementGen.class)
public abstract class TwoChannelOperations {
    protected final Channel<Integer> a;
    protected final Channel<Integer> b;

    protected TwoChannelOperations(Channel<Integer> a, Channel<Integer> b) {
        this.a = a;
        this.b = b;
    }

    @Operation
    public Object trySendA(@Param(name = "element") int element) {
        return ChannelCalls.trySendOrClosed(a, element);
    }

    @Operation
    public Object trySendB(@Param(name = "element") int element) {
        return ChannelCalls.trySendOrClosed(b, element);
    }

    @Operation
    public Object tryReceiveA() {
        return ChannelCalls.tryReceiveOrClosed(a);
    }

    @Operation
    public Object tryReceiveB() {
        return ChannelCalls.tryReceiveOrClosed(b);
    }

    @Operation
    public boolean closeA() {
        return a.close();
    }

    @Operation
    public boolean closeB() {
        return b.close();
    }
}
