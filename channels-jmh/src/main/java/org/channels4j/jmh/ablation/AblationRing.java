package org.channels4j.jmh.ablation;

/**
 * What {@code PaddingAblation} calls on the two generated copies of channels-impl's
 * {@code RingBuffer} ({@code ablation.padded} and {@code ablation.unpadded}, see the
 * maven-antrun-plugin execution in channels-jmh/pom.xml). Each copy's {@code ElementBuffer} is
 * made to extend this interface, so one benchmark drives both; a fork loads only one of them,
 * so the call stays monomorphic and is inlined.
 */
public interface AblationRing {
    /** {@code ElementBuffer.offer}: {@code OK} (0), {@code FULL} or {@code CLOSED}. */
    int offer(Object e);

    /** {@code ElementBuffer.poll}: the element, or the {@code EMPTY}/{@code DRAINED} marker. */
    Object poll();
}
