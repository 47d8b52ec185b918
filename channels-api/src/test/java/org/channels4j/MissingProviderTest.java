package org.channels4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The API module alone, with no implementation on the path: every factory fails with the same
 * clear error naming the artifact to add, on every call (not once, then NoClassDefFoundError).
 */
class MissingProviderTest {

    @Test
    void everyFactoryNamesTheMissingArtifactEveryTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, Channels::unbuffered);
            assertTrue(e.getMessage().contains("org.channels4j:channels-impl"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> Channels.buffered(1));
            assertThrows(IllegalStateException.class, Channels::unbounded);
            assertThrows(IllegalStateException.class, () -> Channels.after(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> Select.orElse(() -> 1));
        }
    }

    @Test
    void argumentsAreCheckedBeforeTheProviderIsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channels.buffered(0));
        assertTrue(e.getMessage().contains("capacity must be at least 1, was 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Channels.tick(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Channels.after(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Select.select());
        assertThrows(IllegalArgumentException.class, () -> Select.selectBiased());
        assertThrows(IllegalArgumentException.class, () -> Select.select(java.util.List.of()));
    }
}
