package org.channels4j.interop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK's subscriber rules (whitebox), run against the subscriber inside
 * {@link Channels#fromPublisher}. It is a TestNG class; {@code testng-engine} runs it on the
 * JUnit Platform in {@code mvn verify}.
 *
 * <p>The subscriber under test is the real one: a publisher that only captures its subscriber
 * is handed to {@code fromPublisher}, and the TCK then drives that subscriber. The probe learns
 * of an element only when it comes out of the channel on the receiving side, and of completion
 * or failure only when the channel reports itself closed, so what is checked is the whole path
 * from the publisher's signal to a receiver. Receiving on that side is also what makes the
 * subscriber request more, as users' receivers do.
 */
public class FromPublisherTckTest extends FlowSubscriberWhiteboxVerification<Integer> {
    private static final int CAPACITY = 4;

    private final ExecutorService helperPublisherThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Thread> receivers = new CopyOnWriteArrayList<>();

    public FromPublisherTckTest() {
        super(new TestEnvironment(500, 100));
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        final AtomicReference<Flow.Subscriber<? super Integer>> captured = new AtomicReference<>();
        final Flow.Publisher<Integer> capturing = captured::set;
        final ReceiveChannel<Integer> channel = Channels.fromPublisher(capturing, CAPACITY);
        return new ProbedSubscriber(captured.get(), channel, probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @Override
    public ExecutorService publisherExecutorService() {
        return helperPublisherThreads;
    }

    @AfterMethod
    public void stopReceivers() {
        receivers.forEach(Thread::interrupt);
        receivers.clear();
    }

    @AfterClass
    public void stopHelperPublishers() {
        helperPublisherThreads.shutdownNow();
    }

    /**
     * Passes every signal to the subscriber under test, and reports to the probe what a
     * receiver of the channel sees. The puppet calls the subscription, as the TCK's own
     * examples do.
     */
    private final class ProbedSubscriber implements Flow.Subscriber<Integer> {
        private final Flow.Subscriber<? super Integer> subscriber;
        private final ReceiveChannel<Integer> channel;
        private final WhiteboxSubscriberProbe<Integer> probe;
        private final AtomicBoolean subscribed = new AtomicBoolean();

        ProbedSubscriber(Flow.Subscriber<? super Integer> subscriber, ReceiveChannel<Integer> channel,
                         WhiteboxSubscriberProbe<Integer> probe) {
            this.subscriber = subscriber;
            this.channel = channel;
            this.probe = probe;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
            if (!subscribed.compareAndSet(false, true)) {
                return;   // a second subscription: the subscriber under test must cancel it
            }
            probe.registerOnSubscribe(new SubscriberPuppet() {
                @Override
                public void triggerRequest(long elements) {
                    subscription.request(elements);
                }

                @Override
                public void signalCancel() {
                    subscription.cancel();
                }
            });
            receivers.add(Thread.ofVirtual().name("tck-receiver").start(this::receiveUntilClosed));
        }

        private void receiveUntilClosed() {
            try {
                for (;;) {
                    probe.registerOnNext(channel.receive());
                }
            } catch (ChannelClosedException closed) {
                if (closed.getCause() == null) {
                    probe.registerOnComplete();
                } else {
                    probe.registerOnError(closed.getCause());
                }
            } catch (InterruptedException endOfTest) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onNext(Integer element) {
            subscriber.onNext(element);
        }

        @Override
        public void onError(Throwable failure) {
            subscriber.onError(failure);
        }

        @Override
        public void onComplete() {
            subscriber.onComplete();
        }
    }
}
