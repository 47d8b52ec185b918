package org.channels4j.impl;

/** A sentinel value with a name for debuggers; compared by identity only. */
final class Marker {
    private final String name;

    Marker(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
