/**
 * jcstress tests of channels4j, one {@code <Subject>Stress} class per component with a nested
 * test per property, and the few pieces those tests share.
 *
 * <h2>How the tests are built</h2>
 * <ul>
 *   <li><b>At most two actors per test.</b> jcstress gives every actor a CPU of its own and
 *       silently skips tests with more actors than the machine has CPUs ("No scheduling is
 *       possible"). The suite must run on two-CPU CI machines, so a third party that a property
 *       needs (a second blocked sender, a select two senders race for) runs on a
 *       {@link org.channels4j.stress.VirtualParty virtual thread} started by an actor.</li>
 *   <li><b>Every wait is bounded.</b> Continuous-mode tests use the timed operations with
 *       {@link org.channels4j.stress.Waits#LIVENESS} as the bound, and an operation that used
 *       up that bound is reported as {@link org.channels4j.stress.Waits#LATE}, a forbidden
 *       outcome, even if it then succeeded: a waiter whose wake-up was lost sleeps until its
 *       deadline and may then find its partner after all. So a lost wake-up fails the run
 *       instead of hanging it or hiding behind the bound. {@code Mode.Termination} tests use
 *       the untimed operations: there jcstress itself reports a thread that never wakes as
 *       {@code STALE}.</li>
 *   <li><b>Termination races are staged.</b> jcstress starts the actor, sleeps about a
 *       millisecond, then calls the signal, by which time the actor is long parked, and a short
 *       run gets one or two such samples. So actor and signal play many
 *       {@link org.channels4j.stress.Rounds rounds} per sample, and in each the signal acts
 *       from no time to a few microseconds after the actor starts, racing its attempt,
 *       register, re-check and park. The suite runs with {@code -af NONE}: pinned, as jcstress
 *       pins one-actor tests by default, actor and signal share one CPU and never race.</li>
 *   <li><b>Weakened implementations</b> that show the tests can fail live in
 *       {@code org.channels4j.stress.broken}; the normal run excludes them by regexp.</li>
 * </ul>
 */
package org.channels4j.stress;
