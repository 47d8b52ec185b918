package org.channels4j.interop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK's publisher rules, run against {@link Channels#asPublisher}. It is a
 * TestNG class; {@code testng-engine} runs it on the JUnit Platform in {@code mvn verify}.
 *
 * <p>Each publisher of n elements is a buffered channel that a virtual thread fills with
 * {@code 0 .. n-1} and then closes; the infinite one (n = {@code Long.MAX_VALUE}) is never
 * closed, and its filler is interrupted after the test. Every required rule runs; the optional
 * rules this publisher does not claim are skipped below with the reason, as the TCK intends.
 */
public class AsPublisherTckTest extends FlowPublisherVerification<Long> {
    /** Generous for a 2-core machine shared with other builds; only failing runs wait this long. */
    private static final long TIMEOUT_MILLIS = 500;
    private static final long NO_SIGNALS_MILLIS = 100;

    private final List<Thread> fillers = new CopyOnWriteArrayList<>();

    public AsPublisherTckTest() {
        super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_MILLIS), TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        final Channel<Long> channel = Channels.buffered(4);
        fillers.add(Thread.ofVirtual().name("tck-filler").start(() -> {
            try {
                for (long i = 0; i < elements; i++) {
                    channel.send(i);
                }
                channel.close();
            } catch (InterruptedException endOfTest) {
                Thread.currentThread().interrupt();
            }
        }));
        return Channels.asPublisher(channel);
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        final Channel<Long> channel = Channels.unbuffered();
        channel.close(new IllegalStateException("the channel failed before anyone subscribed"));
        return Channels.asPublisher(channel);
    }

    @AfterMethod
    public void stopFillers() {
        fillers.forEach(Thread::interrupt);
        fillers.clear();
    }

    private static final String COMPETING = "asPublisher's subscribers compete for the channel's "
            + "elements (each element goes to exactly one of them), so it does not multicast (rule 1.11)";

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
        throw new SkipException(COMPETING);
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
        throw new SkipException(COMPETING);
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
        throw new SkipException(COMPETING);
    }
}
