package org.channels4j.example;

import java.time.Duration;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;

/** Uses channels4j as a user would; exits non-zero if anything is off. */
public final class Main {
    public static void main(String[] args) throws Exception {
        boolean wantModule = args.length > 0 && args[0].startsWith("module");
        boolean named = Channels.class.getModule().isNamed();
        if (named != wantModule) {
            throw new AssertionError("expected the API on the " + args[0] + " path, module named = " + named);
        }
        // "module-without-jfr": run with --limit-modules so that jdk.jfr is absent; the
        // select below still parks, which is where channels4j would record a ChannelWait event.
        if (args[0].equals("module-without-jfr") && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            throw new AssertionError("jdk.jfr was meant to be absent from this run");
        }
        Channel<Integer> ch = Channels.buffered(4);
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 1; i <= 10; i++) {
                    ch.send(i);
                }
                ch.close();
            } catch (InterruptedException e) {
                ch.close(e);
            }
        });
        int sum = 0;
        for (int v : ch) {
            sum += v;
        }
        producer.join();
        String r = Select.select(Channels.<String>unbuffered().onReceive(),
                Select.onTimeout(Duration.ofMillis(10), () -> "timeout"));
        if (sum != 55 || !r.equals("timeout")) {
            throw new AssertionError("sum " + sum + ", select " + r);
        }
        System.out.println("channels4j on the " + args[0] + " path: " + ch.getClass().getModule() + " ok");
    }
}
