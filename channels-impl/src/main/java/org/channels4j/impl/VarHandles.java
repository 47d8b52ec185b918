package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one way this package looks up a field's {@link VarHandle}, and the convention for the
 * accesses such handles back.
 *
 * <h2>Naming the access mode of a shared field</h2>
 * A field that threads share through a {@code VarHandle} or as a {@code volatile}, and an array
 * whose elements are accessed through an array-element handle, is read and written (outside the
 * constructor that initializes it) only through small final or static methods named for the
 * access mode and the field, after JCTools: {@code lvOutcome()}, {@code casOutcome(null, r)},
 * {@code svParked(true)}, {@code laStamp(stamps, i)}, {@code soStamp(stamps, i, s)}. So every
 * use says how it is ordered, and the comment that explains an ordering stands next to it.
 * <ul>
 *   <li>{@code lp}, {@code sp}: plain load and store;</li>
 *   <li>{@code lop}, {@code sop}: opaque load and store ({@code getOpaque}, {@code setOpaque});</li>
 *   <li>{@code la}: load acquire ({@code getAcquire}); {@code so}: store ordered, that is
 *       release ({@code setRelease});</li>
 *   <li>{@code lv}, {@code sv}: volatile load and store;</li>
 *   <li>{@code cas}: {@code compareAndSet}; {@code weakCas}: {@code weakCompareAndSet};
 *       {@code cae}: {@code compareAndExchange}; {@code getAndAdd}; {@code xchg}:
 *       {@code getAndSet}. All volatile.</li>
 * </ul>
 * An {@code lv} or {@code sv} method of a {@code volatile} field is a plain Java read or write
 * of it, which the language makes volatile; the handle serves the other modes. A field that is
 * neither {@code volatile} nor behind a handle is plain, and plain Java syntax on it (such as
 * {@code WaitNode.item} or {@code RingBuffer}'s element array) is a plain access.
 */
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
