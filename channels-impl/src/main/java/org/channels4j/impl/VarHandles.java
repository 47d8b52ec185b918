package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The one way this package looks up a field's {@link VarHandle}. */
final class VarHandles {
    private VarHandles() {
    }

    /**
     * The handle of field {@code name} of type {@code type} declared by {@code lookup}'s class,
     * for a {@code private static final} initializer of that class: a missing field fails the
     * class's initialization ({@link ExceptionInInitializerError}) instead of a later access.
     *
     * @param lookup {@code MethodHandles.lookup()} called in the declaring class
     */
    static VarHandle field(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
