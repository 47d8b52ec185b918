package org.channels4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.channels4j.spi.ChannelProvider;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor of {@code org.channels4j} (the tests run on the class path, so
 * it is read from the classes directory): it exports the API and the SPI that implementations
 * provide, and uses that SPI, so that {@code ServiceLoader} finds a provider on the module path.
 * The class files are for Java 21 (the README's "Java 21+").
 */
class ModuleDescriptorTest {

    @Test
    void theApiModuleExportsTheApiAndTheSpiAndUsesTheSpi() throws IOException, URISyntaxException {
        final ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals("org.channels4j", module.name());
        final Set<String> exported = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("org.channels4j", "org.channels4j.spi"), exported);
        assertEquals(Set.of(ChannelProvider.class.getName()), module.uses());
    }

    @Test
    void theClassFilesAreForJava21() throws IOException, URISyntaxException {
        for (String file : new String[] {"org/channels4j/Channels.class", "module-info.class"}) {
            final byte[] header = new byte[8];
            try (InputStream in = Files.newInputStream(classes().resolve(file))) {
                assertEquals(8, in.readNBytes(header, 0, 8));
            }
            final int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            assertEquals(65, major, file + ": class file version " + major + ", Java 21 is 65");
        }
    }

    private static Path classes() throws URISyntaxException {
        final Path dir = Path.of(Channels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(dir), "expected the classes directory, got " + dir);
        return dir;
    }
}
