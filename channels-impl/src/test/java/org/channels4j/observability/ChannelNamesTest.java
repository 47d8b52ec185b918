package org.channels4j.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.ReceiveChannel;
import org.junit.jupiter.api.Test;

/**
 * Every channel kind's {@code toString()} is the factory call that made it, which is also how
 * the {@code org.channels4j.ChannelWait} event names what was waited on; it carries no state,
 * so one channel keeps one name in a recording. The adapters {@code fromPublisher} and
 * {@code fromFuture} are named here as their factories too, but a wait on one is a wait on the
 * buffer it fills, and the event names that buffer ({@code buffered(n)}), as the README says.
 */
class ChannelNamesTest {
    @Test
    void everyKindIsNamedAsItsFactory() {
        assertEquals("unbuffered", Channels.unbuffered().toString());
        assertEquals("buffered(16)", Channels.buffered(16).toString());
        assertEquals("buffered(1)", Channels.buffered(1).toString());
        assertEquals("unbounded", Channels.unbounded().toString());
        assertEquals("after(PT1S)", Channels.after(Duration.ofSeconds(1)).toString());
        assertEquals("tick(PT0.1S)", Channels.tick(Duration.ofMillis(100)).toString());
        assertEquals("never", Channels.never().toString());
        assertEquals("conflated", Channels.conflated().toString());
        assertEquals("buffered(16) DROP_LATEST",
                Channels.builder().capacity(16).overflow(org.channels4j.Overflow.DROP_LATEST).build().toString());
        assertEquals("buffered(2) DROP_OLDEST",
                Channels.builder().capacity(2).overflow(org.channels4j.Overflow.DROP_OLDEST).build().toString());
        assertEquals("done", Context.background().withCancel().done().toString());
        assertEquals("done(deadline)", Context.background().withTimeout(Duration.ofHours(1)).done().toString());
        assertEquals("never", Context.background().done().toString());
        assertEquals("fromFuture", Channels.fromFuture(new CompletableFuture<String>()).toString());
        assertEquals("fromPublisher(4)", Channels.fromPublisher(new SubmissionPublisher<String>(), 4).toString());
    }

    @Test
    void theDerivedChannelsKeepTheirNamesThroughCompletionAndCancel() {
        final Context context = Context.background().withCancel();
        context.cancel();
        assertEquals("done", context.done().toString());
        final CompletableFuture<String> stage = new CompletableFuture<>();
        final ReceiveChannel<String> future = Channels.fromFuture(stage);
        stage.complete("x");
        assertEquals("fromFuture", future.toString());
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
            final ReceiveChannel<String> published = Channels.fromPublisher(publisher, 4);
            published.cancel();
            assertEquals("fromPublisher(4)", published.toString());
        }
    }

    @Test
    void theNameDoesNotChangeWithSizeOrClose() {
        final Channel<Integer> channel = Channels.buffered(16);
        channel.trySend(1);
        channel.close();
        assertEquals("buffered(16)", channel.toString());
        final Channel<Integer> unbuffered = Channels.unbuffered();
        unbuffered.close();
        assertEquals("unbuffered", unbuffered.toString());
    }
}
