/**
 * The lock-free implementation of channels4j, registered as the
 * {@link org.channels4j.spi.ChannelProvider}. Program against module {@code org.channels4j}.
 *
 * <p>{@code jdk.jfr} is optional: where it is present (and resolved), blocked operations emit
 * the Flight Recorder event {@code org.channels4j.ChannelWait}; where it is not, nothing changes.
 */
module org.channels4j.impl {
    requires org.channels4j;
    requires static jdk.jfr;

    provides org.channels4j.spi.ChannelProvider with org.channels4j.impl.LockFreeChannelProvider;
}
