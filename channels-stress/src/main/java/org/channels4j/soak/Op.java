package org.channels4j.soak;

/** The operation that moved, or failed to move, an element; named in the soak's reports. */
enum Op {
    SEND("send"),
    TRY_SEND("trySend"),
    TRY_SEND_TIMED("trySend(timeout)"),
    SELECT_SEND("select onSend"),
    RECEIVE("receive"),
    TRY_RECEIVE("tryReceive"),
    TRY_RECEIVE_TIMED("tryReceive(timeout)"),
    ITERATOR("iterator"),
    STREAM("stream"),
    SELECT_RECEIVE("select onReceive(f)"),
    SELECT_RECEIVE_RAW("select onReceive()"),
    SELECT_RECEIVE_OR_CLOSED("select onReceiveOrClosed"),
    FLOW_ON_NEXT("asPublisher onNext"),
    RELAY_RECEIVE("a receive from fromPublisher(asPublisher(channel))"),
    WAKE_PROBE("trySend probing a waiting receiver"),
    WIND_DOWN_DRAIN("tryReceive while winding down"),
    FINAL_DRAIN("tryReceive after close");

    private final String label;

    Op(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
