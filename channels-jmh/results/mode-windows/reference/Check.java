import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.channels4j.jmh.ChannelUnderTest;

/**
 * A smoke check of a reference structure (MinimalDual.java), not a proof: P senders on virtual
 * threads send N numbered elements each through one rendezvous to C receivers, and the check
 * fails (exit 1) unless the received elements sum to what was sent and each receiver saw each
 * sender's elements in increasing order. A lost or doubled element changes the sum; a lost
 * wakeup hangs past the timeout. Usage:
 *
 * <pre>java -cp classes:benchmarks.jar Check &lt;class&gt; &lt;P&gt; &lt;C&gt; &lt;N&gt; &lt;repetitions&gt;</pre>
 */
public final class Check {
    private Check() {
    }

    public static void main(String[] args) throws Exception {
        final int senders = Integer.parseInt(args[1]);
        final int receivers = Integer.parseInt(args[2]);
        final int n = Integer.parseInt(args[3]);
        final int repetitions = Integer.parseInt(args[4]);
        if (senders * n % receivers != 0) {
            throw new IllegalArgumentException("P * N must divide among the C receivers");
        }
        final long stride = 10L * n; // element = sender * stride + index
        for (int rep = 0; rep < repetitions; rep++) {
            final ChannelUnderTest channel = (ChannelUnderTest) Class.forName(args[0])
                    .getConstructor(String.class).newInstance("0");
            final AtomicLong sum = new AtomicLong();
            final AtomicInteger outOfOrder = new AtomicInteger();
            final List<Future<?>> tasks = new ArrayList<>();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < senders; p++) {
                    final long base = p * stride;
                    tasks.add(executor.submit(() -> {
                        for (int i = 0; i < n; i++) {
                            channel.send(base + i);
                        }
                        return null;
                    }));
                }
                final int each = senders * n / receivers;
                for (int c = 0; c < receivers; c++) {
                    tasks.add(executor.submit(() -> {
                        final long[] last = new long[senders];
                        Arrays.fill(last, -1);
                        for (int i = 0; i < each; i++) {
                            final long v = (Long) channel.receive();
                            final int from = (int) (v / stride);
                            if (v % stride <= last[from]) {
                                outOfOrder.incrementAndGet();
                            }
                            last[from] = v % stride;
                            sum.addAndGet(v);
                        }
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    try {
                        task.get(60, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        System.out.println("FAIL " + args[0] + ": no progress in 60 s (a lost element or wakeup)");
                        System.exit(1); // the executor's close would wait for the stuck threads
                    }
                }
            }
            long expected = 0;
            for (int p = 0; p < senders; p++) {
                expected += p * stride * n + (long) n * (n - 1) / 2;
            }
            if (sum.get() != expected || outOfOrder.get() != 0) {
                System.out.println("FAIL " + args[0] + ": sum " + sum.get() + " against " + expected
                        + ", " + outOfOrder.get() + " out of order");
                System.exit(1);
            }
        }
        System.out.println("ok " + String.join(" ", args));
    }
}
