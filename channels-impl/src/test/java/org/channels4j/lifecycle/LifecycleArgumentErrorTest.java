package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.channels4j.ChannelBuilder;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Overflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad builder settings and bad cancel arguments fail fast, with a message that says what was wrong. */
class LifecycleArgumentErrorTest {

    @ParameterizedTest
    @EnumSource(value = Overflow.class, names = {"DROP_OLDEST", "DROP_LATEST"})
    void dropPolicyOnAnUnbufferedChannelIsRejectedNamingTheRule(Overflow policy) {
        final ChannelBuilder<String> builder = Channels.<String>builder().overflow(policy);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(policy.name()) && e.getMessage().contains("capacity 0"), e.getMessage());
        assertTrue(e.getMessage().contains("needs a bounded buffer"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Overflow.class, names = {"DROP_OLDEST", "DROP_LATEST"})
    void dropPolicyOnAnUnboundedChannelIsRejectedNamingTheRule(Overflow policy) {
        final ChannelBuilder<String> builder = Channels.<String>builder().unbounded().overflow(policy);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("unbounded") && e.getMessage().contains("needs a bounded buffer"),
                e.getMessage());
    }

    @Test
    void negativeCapacityIsRejectedWithItsValue() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Channels.builder().capacity(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void capacityMaxValuePointsToUnbounded() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Channels.builder().capacity(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("unbounded()"), e.getMessage());
    }

    @Test
    void nullPolicyHandlerAndCauseAreRejectedByName() {
        assertEquals("overflow policy",
                assertThrows(NullPointerException.class, () -> Channels.builder().overflow(null)).getMessage());
        assertEquals("onUndelivered handler",
                assertThrows(NullPointerException.class, () -> Channels.builder().onUndelivered(null)).getMessage());
        final NullPointerException e = assertThrows(NullPointerException.class,
                () -> Channels.buffered(1).cancel(null));
        assertTrue(e.getMessage().contains("cause"), e.getMessage());
    }

    @Test
    void timerAndNeverChannelsRefuseCancelSayingWhy() {
        for (var channel : new org.channels4j.ReceiveChannel<?>[] {
                Channels.after(Duration.ofHours(1)), Channels.tick(Duration.ofHours(1)), Channels.never()}) {
            final UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, channel::cancel);
            assertTrue(e.getMessage().contains("cannot be cancelled"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> channel.cancel(new RuntimeException()));
            assertThrows(NullPointerException.class, () -> channel.cancel(null), "a null cause is checked first");
        }
        final Context context = Context.background().withCancel();
        assertThrows(UnsupportedOperationException.class, () -> context.done().cancel());
        assertThrows(NullPointerException.class, () -> context.done().cancel(null));
        assertThrows(UnsupportedOperationException.class, () -> Context.background().done().cancel());
    }

    @Test
    void laterSettingsReplaceEarlierOnesAndDefaultsMatchTheFactories() {
        assertEquals(0, Channels.builder().build().capacity());
        assertEquals(Integer.MAX_VALUE, Channels.builder().capacity(3).unbounded().build().capacity());
        assertEquals(3, Channels.builder().unbounded().capacity(3).build().capacity());
        assertEquals(1, Channels.conflated().capacity());
    }
}
