package org.channels4j.impl;

/**
 * One blocked operation's {@code org.channels4j.ChannelWait} event in the making, from its first
 * park to its end. An interface so that {@link Selection} and {@link WaitRecorder} never name a
 * {@code jdk.jfr} type: the only implementation is {@link ChannelWaitEvent}, loaded only while
 * Flight Recorder runs. Owned by the waiting thread; never shared.
 */
interface WaitRecording {
    /** Notes whether the wait that just ended had to park, not only spin. */
    void noteParked(boolean parked);

    /** Ends the wait and commits the event if it parked and lasted past the threshold. */
    void end(String outcome);
}
