package org.channels4j.lincheck;

import java.util.List;

/**
 * A sequential specification that may allow several outcomes for one operation, for
 * {@link NondeterministicLinearizabilityVerifier}: Lincheck's own verifier runs its
 * specification as a deterministic object, which cannot describe {@code Select.select}, since
 * that may complete any clause that is ready.
 *
 * <p>States are immutable values with {@code equals} and {@code hashCode}, so the verifier can
 * branch without copying and remember the states it has already explored. An implementation
 * needs a public no-argument constructor: the verifier gets only its class.
 */
public interface NondeterministicModel {

    /** One allowed outcome of an operation: what it returns and the state after it. */
    record Step(Object result, Object next) {
    }

    /** The state of a fresh object. */
    Object initialState();

    /**
     * Every outcome the operation {@code operation} may have in {@code state}; empty if the
     * operation cannot take effect there.
     */
    List<Step> steps(Object state, String operation, List<Object> arguments);
}
