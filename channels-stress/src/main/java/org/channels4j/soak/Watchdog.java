package org.channels4j.soak;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fails the run when nothing moves: if the {@link Tally}'s progress count (elements accepted
 * or received, and the coordinator's phase changes) stays the same for {@link #LIMIT_SECONDS}
 * seconds, it takes a thread dump and hands it to the run's stuck handler, which reports and
 * exits. Timeouts, {@code orElse} and refused operations are not progress: a run whose workers
 * only time out is stuck.
 *
 * <p>The dump is the JDK's own ({@code HotSpotDiagnosticMXBean.dumpThreads}, as
 * {@code jcmd Thread.dump_to_file} writes it), which includes virtual threads, unlike
 * {@link Thread#getAllStackTraces()}.
 *
 * <p>A receiver whose wake-up was lost does not stop the elements of the others, so it is the
 * round's {@link WakeCheck} that looks for it; the watchdog catches what stops everything, such
 * as a sender the wind-down's drain never sees return.
 */
final class Watchdog implements Runnable {
    static final int LIMIT_SECONDS = 30;

    private final Tally tally;
    private final WakeCheck.StuckHandler onStuck;

    Watchdog(Tally tally, WakeCheck.StuckHandler onStuck) {
        this.tally = tally;
        this.onStuck = onStuck;
    }

    void start() {
        Thread.ofPlatform().daemon(true).name("soak-watchdog").start(this);
    }

    @Override
    public void run() {
        long seen = tally.progress();
        long since = System.nanoTime();
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(1);
                final long now = System.nanoTime();
                final long progress = tally.progress();
                if (progress != seen) {
                    seen = progress;
                    since = now;
                } else if (now - since >= TimeUnit.SECONDS.toNanos(LIMIT_SECONDS)) {
                    onStuck.stuck("no element moved for " + LIMIT_SECONDS + " s", threadDump());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts the watchdog; end quietly if someone does
        }
    }

    /** The JDK's thread dump, virtual threads included, in a temporary file and returned as text. */
    static String threadDump() {
        try {
            final Path file = Files.createTempFile("soak-threads-", ".txt");
            Files.delete(file); // dumpThreads refuses to overwrite
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(file) + "(this thread dump is also in " + file + ")";
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        }
    }
}
