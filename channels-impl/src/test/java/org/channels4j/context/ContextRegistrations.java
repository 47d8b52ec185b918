package org.channels4j.context;

import java.lang.reflect.Method;
import org.channels4j.Context;

/**
 * Reads a context's count of registered children (package-private in the API, since only
 * tests of the clean-up need it). Tests run on the class path, where reflection reaches it.
 */
final class ContextRegistrations {
    private static final Method REGISTERED_CHILDREN;

    static {
        try {
            REGISTERED_CHILDREN = Context.class.getDeclaredMethod("registeredChildren");
            REGISTERED_CHILDREN.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ContextRegistrations() {
    }

    /** Children the context still holds, to cancel with it. */
    static int registeredChildren(Context context) {
        try {
            return (int) REGISTERED_CHILDREN.invoke(context);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
