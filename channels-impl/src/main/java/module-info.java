/**
 * The lock-free implementation of channels4j, registered as the
 * {@link org.channels4j.spi.ChannelProvider}. Program against module {@code org.channels4j}.
 */
module org.channels4j.impl {
    requires org.channels4j;

    provides org.channels4j.spi.ChannelProvider with org.channels4j.impl.LockFreeChannelProvider;
}
