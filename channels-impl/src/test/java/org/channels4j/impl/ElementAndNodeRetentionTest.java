package org.channels4j.impl;

import static org.channels4j.impl.RetentionTraffic.collectUntilCleared;
import static org.channels4j.impl.RetentionTraffic.parkedReceiveServedBy;
import static org.channels4j.impl.RetentionTraffic.queue;
import static org.channels4j.impl.RetentionTraffic.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Overflow;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a channel that stays idle keeps reachable after an operation on it ended: each test ends
 * with a long-lived object still referenced and checks, with weak references, that it keeps
 * neither an element that was delivered, dropped, timed out, interrupted or cancelled, nor a
 * busy channel's later wait-queue nodes. Written from a review of the retention paths on
 * 2026-12-07 that found none left open beyond the two {@link SelectNodeRetentionTest} and
 * {@code CarrierHandoffRetentionTest} cover; these are its scenarios, kept so that a change to
 * the core that leaves an element or a node linked fails here. The channel is kept reachable to
 * the end with {@link Reference#reachabilityFence}.
 */
@Timeout(120)
class ElementAndNodeRetentionTest {

    private static final int SENDERS = 200;

    /** An element that is not cached anywhere (unlike small Integers). */
    static final class Payload {
        final byte[] bytes = new byte[64];
    }

    /** Hands a fresh payload to a thread through the holder; the caller keeps only the weak reference. */
    private static WeakReference<Object> fill(AtomicReference<Object> holder) {
        final Payload p = new Payload();
        holder.set(p);
        return new WeakReference<>(p);
    }

    private static void assertCollected(WeakReference<?> ref, String what) throws InterruptedException {
        collectUntilCleared(ref);
        assertNull(ref.get(), what);
    }

    @Test
    void parkedPlainReceiverUnbuffered() throws Exception {
        final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
        final Forked<String> rx = Forked.start(ThreadKind.PLATFORM, "rx", () -> ch.receive() != null ? "ok" : "?").awaitBlocked();
        final AtomicReference<Object> h = new AtomicReference<>();
        final WeakReference<Object> ref = fill(h);
        ch.send(h.getAndSet(null));
        assertEquals("ok", rx.join());
        assertCollected(ref, "element received by a parked receiver still reachable from the idle channel");
        Reference.reachabilityFence(ch);
    }

    @Test
    void parkedPlainSenderUnbuffered() throws Exception {
        final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
        final AtomicReference<Object> h = new AtomicReference<>();
        final WeakReference<Object> ref = fill(h);
        final Forked<Void> tx = Forked.run(ThreadKind.PLATFORM, "tx", () -> ch.send(h.getAndSet(null))).awaitBlocked();
        assertTrue(ch.receive() instanceof Payload);
        tx.join();
        assertCollected(ref, "element taken from a parked sender still reachable");
        Reference.reachabilityFence(ch);
    }

    @Test
    void timedOutSendUnbuffered() throws Exception {
        final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
        final AtomicReference<Object> h = new AtomicReference<>();
        final WeakReference<Object> ref = fill(h);
        final Forked<Boolean> tx = Forked.start(ThreadKind.PLATFORM, "tx", () -> ch.trySend(h.getAndSet(null), Duration.ofMillis(50)));
        assertEquals(false, tx.join());
        assertCollected(ref, "element of a timed-out send still reachable");
        Reference.reachabilityFence(ch);
    }

    @Test
    void interruptedSendUnbufferedAndBuffered() throws Exception {
        blockedSendEndedBy("an interrupted send", InterruptedException.class, (ch, tx) -> tx.interrupt());
    }

    @Test
    void sendWokenByClose() throws Exception {
        blockedSendEndedBy("a send woken by close", ChannelClosedException.class, (ch, tx) -> ch.close());
    }

    /** A send blocked on an unbuffered and on a full buffered channel, ended by {@code end}. */
    private static void blockedSendEndedBy(String what, Class<? extends Throwable> ending,
            BiConsumer<Channel<Object>, Forked<Void>> end) throws Exception {
        for (Channel<Object> ch : List.of(new UnbufferedChannel<>(), full(BufferChannel.buffered(1)))) {
            final AtomicReference<Object> h = new AtomicReference<>();
            final WeakReference<Object> ref = fill(h);
            final Forked<Void> tx = Forked.run(ThreadKind.PLATFORM, "tx", () -> ch.send(h.getAndSet(null))).awaitBlocked();
            end.accept(ch, tx);
            tx.joinFailure(ending);
            assertCollected(ref, "element of " + what + " still reachable: " + ch);
            Reference.reachabilityFence(ch);
        }
    }

    private static Channel<Object> full(BufferChannel<Object> ch) {
        ch.trySend("filler");
        return ch;
    }

    @Test
    void selectSendOnIdleCompletedElsewhere() throws Exception {
        final UnbufferedChannel<Object> idle = new UnbufferedChannel<>();
        final UnbufferedChannel<Object> busy = new UnbufferedChannel<>();
        final AtomicReference<Object> h = new AtomicReference<>();
        final WeakReference<Object> ref = fill(h);
        final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                () -> Select.selectBiased(idle.onSend(h.getAndSet(null), () -> "sent"), busy.onReceive(v -> "busy"))).awaitBlocked();
        busy.send("x");
        assertEquals("busy", sel.join());
        assertCollected(ref, "element a select offered on the idle channel still reachable");
        Reference.reachabilityFence(idle);
    }

    @Test
    void selectReceivesMatched() throws Exception {
        for (boolean idleFirst : new boolean[] {true, false}) {
            final UnbufferedChannel<Object> idle = new UnbufferedChannel<>();
            final UnbufferedChannel<Object> busy = new UnbufferedChannel<>();
            final SelectClause<String> a = idle.onReceive(v -> "idle");
            final SelectClause<String> b = busy.onReceive(v -> "busy");
            final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                    () -> idleFirst ? Select.selectBiased(a, b) : Select.selectBiased(b, a)).awaitBlocked();
            final AtomicReference<Object> h = new AtomicReference<>();
            final WeakReference<Object> ref = fill(h);
            busy.send(h.getAndSet(null));
            assertEquals("busy", sel.join());
            assertCollected(ref, "element a select received still reachable (idleFirst=" + idleFirst + ")");
            Reference.reachabilityFence(idle);
            Reference.reachabilityFence(busy);
        }
    }

    @Test
    void bufferedServedReceiverAndSender() throws Exception {
        final BufferChannel<Object> ch = BufferChannel.buffered(1);
        final Forked<String> rx = Forked.start(ThreadKind.PLATFORM, "rx", () -> ch.receive() != null ? "ok" : "?").awaitBlocked();
        final AtomicReference<Object> h = new AtomicReference<>();
        final WeakReference<Object> r1 = fill(h);
        ch.send(h.getAndSet(null));
        rx.join();
        assertCollected(r1, "element served to a parked receiver still reachable");
        ch.send("filler");
        final WeakReference<Object> r2 = fill(h);
        final Forked<Void> tx = Forked.run(ThreadKind.PLATFORM, "tx", () -> ch.send(h.getAndSet(null))).awaitBlocked();
        assertEquals("filler", ch.receive()); // serves the sender: its element moves into the buffer
        tx.join();
        assertTrue(ch.receive() instanceof Payload);
        assertCollected(r2, "element of a served sender, received since, still reachable");
        Reference.reachabilityFence(ch);
    }

    @Test
    void unboundedAndConflatedAndCancel() throws Exception {
        final AtomicReference<Object> h = new AtomicReference<>();
        final Channel<Object> unbounded = BufferChannel.unbounded();
        final WeakReference<Object> r1 = fill(h);
        unbounded.send(h.getAndSet(null));
        assertTrue(unbounded.receive() instanceof Payload);
        assertCollected(r1, "element received from an unbounded channel still reachable");

        final Channel<Object> conflated = BufferChannel.create(1, Overflow.DROP_OLDEST, null);
        final WeakReference<Object> r2 = fill(h);
        conflated.send(h.getAndSet(null));
        conflated.send("newer");
        assertCollected(r2, "element displaced from a conflated channel still reachable");

        final Channel<Object> cancelled = BufferChannel.buffered(4);
        final WeakReference<Object> r3 = fill(h);
        cancelled.send(h.getAndSet(null));
        cancelled.cancel();
        assertCollected(r3, "element discarded by cancel (no handler) still reachable");

        final Channel<Object> cancelledU = BufferChannel.unbounded();
        final WeakReference<Object> r4 = fill(h);
        cancelledU.send(h.getAndSet(null));
        cancelledU.cancel();
        assertCollected(r4, "element discarded by cancel of an unbounded channel still reachable");
        Reference.reachabilityFence(unbounded);
        Reference.reachabilityFence(conflated);
        Reference.reachabilityFence(cancelled);
        Reference.reachabilityFence(cancelledU);
    }

    /**
     * After the scenario, the busy unbuffered channel carries traffic; a weak reference to one of
     * its receiver nodes taken in the middle must clear while {@code idle} lives.
     */
    private static void busyTrafficThenCheck(Object idle, UnbufferedChannel<Integer> busy, String what) throws Exception {
        traffic(busy, 3_000);
        final WeakReference<WaitNode> ref = new WeakReference<>(queue(busy, "receivers").lvTail());
        traffic(busy, 3_000);
        for (int i = 0; i < 3; i++) {
            parkedReceiveServedBy(busy);
        }
        collectUntilCleared(ref);
        assertNull(ref.get(), () -> what + ": a later node of the busy channel is still reachable; nodes reachable from idle: "
                + nodesReachableFrom(idle));
    }

    @Test
    void selectMatchedOnBusyWaiterOnIdle() throws Exception {
        final UnbufferedChannel<Integer> idle = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                () -> Select.selectBiased(idle.onReceive(v -> "idle"), busy.onReceive(v -> "busy"))).awaitBlocked();
        busy.send(1);
        assertEquals("busy", sel.join());
        busyTrafficThenCheck(idle, busy, "select's waiter on idle, matched through its node on busy");
        Reference.reachabilityFence(idle);
    }

    @Test
    void selectTimedOut() throws Exception {
        final UnbufferedChannel<Integer> idle = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                () -> Select.selectBiased(busy.onReceive(v -> "busy"), idle.onReceive(v -> "idle"),
                        Select.onTimeout(Duration.ofMillis(50), () -> "timeout")));
        assertEquals("timeout", sel.join());
        busyTrafficThenCheck(idle, busy, "timed-out select");
        Reference.reachabilityFence(idle);
    }

    @Test
    void selectInterrupted() throws Exception {
        final UnbufferedChannel<Integer> idle = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                () -> Select.selectBiased(busy.onReceive(v -> "busy"), idle.onReceive(v -> "idle"))).awaitBlocked();
        sel.interrupt();
        sel.joinFailure(InterruptedException.class);
        busyTrafficThenCheck(idle, busy, "interrupted select");
        Reference.reachabilityFence(idle);
    }

    @Test
    void selectOnContextDoneAndAfterAndNever() throws Exception {
        final Context ctx = Context.background().withCancel();
        final ReceiveChannel<Integer> never = Channels.never();
        final ReceiveChannel<Instant> after = Channels.after(Duration.ofHours(1));
        final ReceiveChannel<Instant> tick = Channels.tick(Duration.ofHours(1));
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        for (int order = 0; order < 2; order++) {
            final SelectClause<String> d = ctx.done().onReceiveOrClosed(v -> "done", c -> "done");
            final SelectClause<String> b = busy.onReceive(v -> "busy");
            final SelectClause<String> n = never.onReceive(v -> "never");
            final SelectClause<String> a = after.onReceive(v -> "after");
            final SelectClause<String> t = tick.onReceive(v -> "tick");
            final boolean first = order == 0;
            final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                    () -> first ? Select.selectBiased(d, b, n, a, t) : Select.selectBiased(b, d, n, a, t)).awaitBlocked();
            busy.send(1);
            assertEquals("busy", sel.join());
        }
        final Object[] idle = {ctx, never, after, tick};
        busyTrafficThenCheck(idle, busy, "select over done/never/after/tick and busy");
        Reference.reachabilityFence(idle);
    }

    @Test
    void selectWokenOnBufferedCompletesElsewhere() throws Exception {
        // the select is woken on the buffered channel and takes its element there; its dead node
        // on the busy unbuffered channel must not leave busy's later nodes reachable from buf
        final BufferChannel<Integer> buf = BufferChannel.buffered(1);
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        final Forked<String> sel = Forked.start(ThreadKind.PLATFORM, "select",
                () -> Select.selectBiased(buf.onReceive(v -> "buf"), busy.onReceive(v -> "busy"))).awaitBlocked();
        buf.send(1);
        assertEquals("buf", sel.join());
        busyTrafficThenCheck(buf, busy, "select woken on a buffered channel");
        Reference.reachabilityFence(buf);
    }

    /**
     * Interior dead nodes behind a live waiter that never leaves: timed-out senders' elements
     * must be collectable, and the queue's dead nodes stay bounded (sweep).
     */
    @Test
    void interiorTimedOutSendersBehindALiveOne() throws Exception {
        final UnbufferedChannel<Object> ch = new UnbufferedChannel<>();
        final Forked<Void> stuck = Forked.run(ThreadKind.PLATFORM, "stuck", () -> ch.send("stuck")).awaitBlocked();
        final List<WeakReference<Object>> refs = new ArrayList<>();
        final List<Forked<Boolean>> txs = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            final AtomicReference<Object> h = new AtomicReference<>();
            refs.add(fill(h));
            txs.add(Forked.start(ThreadKind.VIRTUAL, "tx" + i, () -> ch.trySend(h.getAndSet(null), Duration.ofMillis(5))));
        }
        for (Forked<Boolean> tx : txs) {
            assertEquals(false, tx.join());
        }
        collectUntilCleared(refs.toArray(new WeakReference<?>[0]));
        final long alive = refs.stream().filter(r -> r.get() != null).count();
        final int nodes = nodesReachableFrom(ch);
        assertEquals(0, alive, "payloads of timed-out senders behind a live one still reachable");
        // bounded by the burst (sweep threshold = half the last sweep's walk), not by traffic
        assertTrue(nodes < SENDERS / 2 + 80, "dead interior nodes not swept: " + nodes);
        assertEquals("stuck", ch.receive());
        stuck.join();
    }

    /** Selects over (quiet, busy) completing on busy, while quiet has a live waiter at its front for ever. */
    @Test
    void selectChurnBehindALiveWaiterOnTheQuietChannel() throws Exception {
        final UnbufferedChannel<Integer> quiet = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> busy = new UnbufferedChannel<>();
        final Forked<Integer> stuck = Forked.start(ThreadKind.PLATFORM, "stuck", quiet::receive).awaitBlocked();
        final int n = 3_000;
        final Forked<Void> sel = Forked.run(ThreadKind.VIRTUAL, "select", () -> {
            for (int i = 0; i < n; i++) {
                Select.select(quiet.onReceive(v -> "quiet"), busy.onReceive(v -> "busy"));
            }
        });
        for (int i = 0; i < n; i++) {
            busy.send(i);
        }
        sel.join();
        busyTrafficThenCheck(quiet, busy, "select churn behind a live waiter on quiet");
        final int nodes = nodesReachableFrom(quiet);
        assertTrue(nodes < 100, "nodes reachable from quiet: " + nodes);
        quiet.send(7);
        assertEquals(7, stuck.join());
    }

    /** For the failure messages and the two bounds: WaitNodes reachable from {@code root} through fields of channels4j classes and arrays. */
    static int nodesReachableFrom(Object root) {
        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(root);
        int nodes = 0;
        while (!todo.isEmpty()) {
            final Object o = todo.poll();
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (o instanceof WaitNode) {
                nodes++;
            }
            final Class<?> c = o.getClass();
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        final Object e = Array.get(o, i);
                        if (e != null) {
                            todo.add(e);
                        }
                    }
                }
                continue;
            }
            if (!c.getName().startsWith("org.channels4j")) {
                continue;
            }
            for (Class<?> k = c; k != null && k.getName().startsWith("org.channels4j"); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        final Object v = f.get(o);
                        if (v != null) {
                            todo.add(v);
                        }
                    } catch (ReflectiveOperationException | RuntimeException ignored) {
                        // a field we may not read
                    }
                }
            }
        }
        return nodes;
    }
}
