import java.util.concurrent.locks.LockSupport;

/**
 * A probe of the JDK's virtual-thread scheduler, not of channels4j: a virtual thread unparks a
 * parked virtual thread and then spins, without yielding, until the thread it woke has run.
 * The woken thread is queued on the waker's carrier; it runs only if another carrier takes it
 * from there. Prints how many of the rounds still waited after 2 s, and the longest wait.
 *
 * <p>Measured on the 2-core build machine (2026-12-05, 2,000 rounds): JDK 21.0.13 (Debian's,
 * from {@code .ci/java21}) 102 rounds waited 2 s, the longest the full 2 s; JDK 25.0.3 none,
 * the longest 5 ms. So on JDK 21 a virtual thread that spins after waking another can keep it
 * from running for as long as it spins, with the other carrier idle. channels4j never spins
 * without bound after a wake (its waits spin on a bounded budget, then park), and its tests'
 * virtual threads yield when they wait for one another.
 *
 * <p>Run from the repository root: {@code java .ci/probes/WakeThenSpin.java 2000}, on each JDK.
 */
public class WakeThenSpin {
    private static volatile int ran;
    private static volatile boolean started;

    public static void main(String[] args) throws Exception {
        final int rounds = Integer.parseInt(args[0]);
        final int[] stuck = new int[1];
        final long[] worst = new long[1];
        final Thread waker = Thread.ofVirtual().start(() -> {
            for (int r = 1; r <= rounds; r++) {
                final int round = r;
                final Thread woken = Thread.ofVirtual().unstarted(() -> {
                    started = true;
                    while (ran != round) {
                        LockSupport.park();
                        if (ran == -round) {
                            ran = round; // has run since the unpark
                        }
                    }
                });
                started = false;
                woken.start();
                while (!started || woken.getState() != Thread.State.WAITING) {
                    Thread.yield();
                }
                ran = -round;
                LockSupport.unpark(woken); // queued on this carrier
                final long t0 = System.nanoTime();
                while (ran != round) { // spin, never yield
                    Thread.onSpinWait();
                    if (System.nanoTime() - t0 > 2_000_000_000L) {
                        stuck[0]++;
                        break;
                    }
                }
                worst[0] = Math.max(worst[0], System.nanoTime() - t0);
                while (ran != round) {
                    Thread.yield(); // now let it run on this carrier
                }
                try {
                    woken.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        waker.join();
        System.out.println(Runtime.version() + ": " + rounds + " rounds, " + stuck[0]
                + " woken threads had not run after 2 s of spinning; longest wait " + worst[0] / 1000 + " us");
    }
}
