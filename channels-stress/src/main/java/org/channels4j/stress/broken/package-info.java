/**
 * Deliberately weakened copies of channels4j's concurrency primitives, each run by a test
 * that mirrors a real one in the suite: evidence that those tests can fail. Every test here
 * is EXPECTED to report a FORBIDDEN outcome (or STALE), so the normal run excludes this
 * package with {@code -t "^(?!.*\.broken\.)"}, and {@code mvn verify} then runs each of them
 * alone and fails the build if one passes
 * ({@link org.channels4j.stress.check.RunBrokenExpectingFailure}). Run them by hand with
 * <pre>
 *   java -jar channels-stress/target/jcstress.jar -m quick -iters 1 -sc false -time 50 -af NONE -t '\.broken\.'
 * </pre>
 * Never reference these classes from the real tests or the implementation.
 */
package org.channels4j.stress.broken;
