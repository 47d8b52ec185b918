package org.channels4j.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's root from a test class's compiled location, whatever directory the
 * tests were started from, so that a test comparing README.md with its own source fails (rather
 * than skips) when either cannot be found.
 */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    /**
     * The nearest directory above {@code anchor}'s compiled location that holds README.md and
     * {@code source}.
     *
     * @param anchor a test class
     * @param source a file the root must hold, relative to it (the test's own source)
     * @return the root
     * @throws AssertionError if no such directory exists
     */
    public static Path of(Class<?> anchor, Path source) {
        final Path classes;
        try {
            classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("the location of " + anchor + " is not a path", e);
        }
        for (Path dir = classes; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve(source))) {
                return dir;
            }
        }
        throw new AssertionError("no directory above " + classes + " holds README.md and " + source);
    }
}
