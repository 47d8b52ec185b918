package org.channels4j;

import java.util.ServiceLoader;
import org.channels4j.spi.ChannelProvider;

/**
 * Finds the {@link ChannelProvider} with {@link ServiceLoader} on first use and keeps it.
 * When none is installed every call fails with the same {@link IllegalStateException}
 * (not an {@link ExceptionInInitializerError} once and {@link NoClassDefFoundError} after).
 */
final class ProviderLookup {
    /** Racy on purpose: two threads may both look the provider up; either result is fine. */
    private static volatile ChannelProvider provider;

    private ProviderLookup() {
    }

    static ChannelProvider provider() {
        ChannelProvider p = provider;
        if (p == null) {
            p = ServiceLoader.load(ChannelProvider.class, ProviderLookup.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No org.channels4j.spi.ChannelProvider found: add the artifact "
                                    + "org.channels4j:channels-impl to the class path or module path"));
            provider = p;
        }
        return p;
    }
}
