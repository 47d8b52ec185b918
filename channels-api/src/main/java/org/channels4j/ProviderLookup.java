package org.channels4j;

import java.util.ServiceLoader;
import org.channels4j.spi.ChannelProvider;

/** Finds the {@link ChannelProvider} once, on first use, with {@link ServiceLoader}. */
final class ProviderLookup {
    private ProviderLookup() {
    }

    static ChannelProvider provider() {
        return Holder.PROVIDER;
    }

    /** Initialization-on-demand holder: the lookup runs once, thread-safely, on first use. */
    private static final class Holder {
        static final ChannelProvider PROVIDER = load();
    }

    private static ChannelProvider load() {
        return ServiceLoader.load(ChannelProvider.class, ProviderLookup.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No org.channels4j.spi.ChannelProvider found: add the artifact "
                                + "org.channels4j:channels-impl to the class path or module path"));
    }
}
