/**
 * channels4j: Go's channels and {@code select} for Java 21+.
 *
 * <p>Program against {@link org.channels4j.Channel}, {@link org.channels4j.Channels} and
 * {@link org.channels4j.Select}; the implementation ({@code org.channels4j:channels-impl})
 * is found at run time through {@link org.channels4j.spi.ChannelProvider}.
 */
module org.channels4j {
    exports org.channels4j;
    exports org.channels4j.spi;

    uses org.channels4j.spi.ChannelProvider;
}
