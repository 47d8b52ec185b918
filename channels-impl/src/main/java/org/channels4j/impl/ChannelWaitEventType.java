package org.channels4j.impl;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Whether the {@code org.channels4j.ChannelWait} event is on: some running recording enables it.
 * Loaded only where {@code jdk.jfr} is readable ({@link WaitRecorder} checks).
 *
 * <p>The check must cost nothing measurable on every blocking operation and must not set Flight
 * Recorder up in a JVM that never records: until something initializes Flight Recorder
 * ({@code -XX:StartFlightRecording}, {@code jcmd JFR.start}, a {@code jdk.jfr.Recording}) it is
 * one volatile read of {@link FlightRecorder#isInitialized()}; after that, JFR's own enabled
 * flag for the event, which JFR recomputes whenever a recording starts or stops or changes its
 * settings. The first check after Flight Recorder starts registers the event, which takes
 * milliseconds once; the wait that pays for it is timed from after the registration.
 */
final class ChannelWaitEventType {
    /** Null until Flight Recorder is initialized; looked up once, racily but idempotently. */
    private static volatile EventType eventType;

    private ChannelWaitEventType() {
    }

    private static EventType lvEventType() {
        return eventType;
    }

    private static void svEventType(EventType type) {
        eventType = type;
    }

    static boolean isEnabled() {
        EventType type = lvEventType();
        if (type == null) {
            if (!FlightRecorder.isInitialized()) {
                return false;
            }
            type = EventType.getEventType(ChannelWaitEvent.class);
            svEventType(type);
        }
        return type.isEnabled();
    }
}
