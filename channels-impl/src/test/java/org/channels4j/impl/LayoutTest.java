package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The padding the class comments promise, measured with JOL on the JVM that runs the tests:
 * every contended field (written by one party while others read or write nearby) is at least
 * {@value #LINE} bytes ({@value #REGION} for the buffers' indices and the wait queues' ends) from the object's start and end and from every mutable field outside its
 * group, so that neither the object header, a neighbouring object, nor another hot field shares
 * its cache line. A group is a set of fields written together by the same operation, such as a
 * queue's count of abandoned nodes and its sweep threshold. Padding fields ({@code pNN}, {@code *Gap}) are not mutable in this sense: nothing writes
 * them. Remove a pad class, or a gap filler that keeps the JVM from putting a subclass field
 * next to a hot one, and this fails.
 */
class LayoutTest {
    private static final int LINE = 64;
    /**
     * Two lines: what the buffers' indices and the wait queues' ends are padded to, so that the
     * adjacent-line prefetcher, which fetches lines in pairs, does not couple them either.
     */
    private static final int REGION = 128;

    static Stream<Arguments> contendedFields() {
        return Stream.of(
                Arguments.of(RingBuffer.class, List.of(Set.of("producerIndex"), Set.of("consumerIndex")), REGION),
                Arguments.of(SegmentedQueue.class, List.of(Set.of("producerIndex"), Set.of("consumerIndex")), REGION),
                Arguments.of(WaitQueue.class,
                        List.of(Set.of("head"), Set.of("tail"), Set.of("abandoned", "sweepThreshold")), REGION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contendedFields")
    void contendedFieldsHaveTheirCacheLinesToThemselves(Class<?> type, List<Set<String>> groups, int apart) {
        final ClassLayout layout = ClassLayout.parseClass(type);
        final long size = layout.instanceSize();
        final List<FieldLayout> mutable = new ArrayList<>();
        for (FieldLayout f : layout.fields()) {
            if (!isPadding(f.name())) {
                mutable.add(f);
            }
        }
        int found = 0;
        int expected = 0;
        for (Set<String> group : groups) {
            expected += group.size();
        }
        for (FieldLayout f : mutable) {
            final Set<String> group = groupOf(groups, f.name());
            if (group == null) {
                continue;
            }
            found++;
            final long start = f.offset();
            final long end = f.offset() + f.size();
            check(start >= apart, type, f.name() + " at offset " + start + " is within " + apart
                    + " bytes of the object's start", layout);
            check(size - end >= apart, type, f.name() + " ends " + (size - end) + " bytes before the object's end",
                    layout);
            for (FieldLayout other : mutable) {
                if (group.contains(other.name()) || isFinal(type, other)) {
                    continue;
                }
                final long gap = other.offset() >= end ? other.offset() - end : start - (other.offset() + other.size());
                check(gap >= apart, type, f.name() + " is " + gap + " bytes from mutable field " + other.name(), layout);
            }
        }
        assertTrue(found == expected, type.getSimpleName() + ": expected fields " + groups
                + ", found " + found + " of them in\n" + layout.toPrintable());
    }

    /**
     * A plain blocked operation allocates one {@link Waiter}, its own node: 32 bytes (the
     * header, the element, the link, the outcome that names the owner while it waits, and one
     * long for the ticket and the flags), within the 48 the README and issue 9 give for a
     * blocking send or receive. A select with several nodes allocates a {@link SelectWaiter}
     * (the waiter plus the head of its node list, 40 bytes) and a {@link SelectNode} (one link,
     * which leads to the owner, no outcome, 32 bytes) for each other channel clause, and, when
     * a partner completes it, a {@link Match} (the node and the element, 24 bytes): 32 + 32k
     * bytes for k channels, issue 9's bound.
     */
    @org.junit.jupiter.api.Test
    void aPlainWaitIs32BytesAndASelectOverKChannels32PerChannelAfterItsFirst() {
        assertAtMost(32, Waiter.class);
        assertAtMost(40, SelectWaiter.class);
        assertAtMost(32, SelectNode.class);
        assertRecordAtMost(24, Match.class);
    }

    /**
     * A {@link ThreadRecord}'s thread, which every completer that unparks the owner reads, is on
     * a line the record's own writes (the partner it woke, when its current wait ends) never
     * touch: at least {@value #LINE} bytes lie between it and each mutable field.
     */
    @org.junit.jupiter.api.Test
    void aThreadRecordKeepsItsThreadOffTheLineItsOwnerWrites() {
        final ClassLayout layout = ClassLayout.parseClass(ThreadRecord.class);
        FieldLayout thread = null;
        for (FieldLayout f : layout.fields()) {
            if (f.name().equals("thread")) {
                thread = f;
            }
        }
        assertTrue(thread != null, layout.toPrintable());
        int mutableFields = 0;
        for (FieldLayout f : layout.fields()) {
            if (isPadding(f.name()) || isFinal(ThreadRecord.class, f)) {
                continue;
            }
            mutableFields++;
            final long gap = f.offset() - (thread.offset() + thread.size());
            check(gap >= LINE, ThreadRecord.class, f.name() + " is " + gap + " bytes after thread", layout);
        }
        assertTrue(mutableFields == 5, "woken, wokenParity, waitTimed, waitDeadline, late expected\n" + layout.toPrintable());
    }

    /**
     * What a thread that ever waited keeps for it (README, "What a woken partner keeps alive"):
     * its {@link ThreadRecord} and that record's resume count, the count alone being what a
     * waker remembers of a partner it woke. (The count's class is reached through the record,
     * not by name: it is an auxiliary class of {@code ThreadRecord.java}.)
     */
    @org.junit.jupiter.api.Test
    void aThreadsRecordAndItsCountTakeAtMost120Bytes() {
        final Class<?> countClass = new ThreadRecord(Thread.currentThread()).resumes.getClass();
        assertAtMost(16, countClass);
        final long record = ClassLayout.parseClass(ThreadRecord.class).instanceSize();
        final long count = ClassLayout.parseClass(countClass).instanceSize();
        assertTrue(record + count <= 120, "ThreadRecord " + record + " B + ResumeCount " + count + " B");
    }

    /**
     * A ring of capacity 2 to 16 (the class comment's promise) keeps every slot's stamp
     * and element at least {@value #LINE} bytes from every other slot's and from the array
     * header, whatever the array's alignment: the ring is filled, each element is found in its
     * array by identity and each published stamp by value, and their byte offsets come from the
     * base offset and index scale of the JVM running the test. A larger ring, or one of capacity
     * 1, is packed: slot k at index k, one entry a slot.
     * Pack the small rings again and this fails.
     */
    @ParameterizedTest(name = "capacity {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 5, 8, 15, 16, 17, 64, 1000})
    void aSmallRingGivesEachSlotItsOwnCacheLines(int capacity) throws ReflectiveOperationException {
        RingBuffer ring = new RingBuffer(capacity);
        long[] stamps = (long[]) field(ring, "stamps");
        Object[] elements = (Object[]) field(ring, "elements");
        // Where the ring really puts them: offer positions 0 .. capacity - 1 (slot k holds
        // position k), then find each element by identity and each published stamp, 2k + 1.
        Object[] sent = new Object[capacity];
        for (int k = 0; k < capacity; k++) {
            sent[k] = new Object();
            assertTrue(ring.offer(sent[k]) == ElementBuffer.OK, "offer " + k + " refused");
        }
        boolean spread = capacity > 1 && capacity <= 16;
        long[] stampOffsets = new long[capacity];
        long[] elementOffsets = new long[capacity];
        org.openjdk.jol.vm.VirtualMachine vm = org.openjdk.jol.vm.VM.current();
        for (int k = 0; k < capacity; k++) {
            int s = indexOfStamp(stamps, 2L * k + 1);
            int e = indexOfElement(elements, sent[k]);
            assertTrue(s >= 0 && e >= 0, "slot " + k + ": stamp at " + s + ", element at " + e);
            if (!spread) {
                assertTrue(s == k && e == k, "capacity " + capacity + " should be packed in order: slot " + k
                        + " has its stamp at " + s + " and its element at " + e);
            }
            stampOffsets[k] = vm.arrayBaseOffset("long") + (long) s * vm.arrayIndexScale("long");
            elementOffsets[k] = vm.arrayBaseOffset("java.lang.Object") + (long) e * vm.arrayIndexScale("java.lang.Object");
        }
        if (spread) {
            assertApart("stamp", stampOffsets, vm.arrayBaseOffset("long"));
            assertApart("element", elementOffsets, vm.arrayBaseOffset("java.lang.Object"));
        } else {
            assertTrue(stamps.length == capacity && elements.length == capacity,
                    "capacity " + capacity + " should be packed: " + stamps.length + " stamps, " + elements.length + " elements");
        }
    }

    private static int indexOfStamp(long[] stamps, long stamp) {
        int found = -1;
        for (int i = 0; i < stamps.length; i++) {
            if (stamps[i] == stamp) {
                assertTrue(found < 0, "stamp " + stamp + " at both " + found + " and " + i);
                found = i;
            }
        }
        return found;
    }

    private static int indexOfElement(Object[] elements, Object element) {
        int found = -1;
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == element) {
                assertTrue(found < 0, "one element at both " + found + " and " + i);
                found = i;
            }
        }
        return found;
    }

    /** Every offset at least a line past the header's last byte and a line from every other. */
    private static void assertApart(String what, long[] offsets, long headerEnd) {
        for (int a = 0; a < offsets.length; a++) {
            assertTrue(offsets[a] - (headerEnd - 1) >= LINE,
                    what + " of slot " + a + " at byte " + offsets[a] + " may share the header's line (header ends at " + headerEnd + ")");
            for (int b = a + 1; b < offsets.length; b++) {
                assertTrue(Math.abs(offsets[a] - offsets[b]) >= LINE,
                        what + "s of slots " + a + " and " + b + " are " + Math.abs(offsets[a] - offsets[b]) + " bytes apart");
            }
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static void assertAtMost(int bytes, Class<?> type) {
        final ClassLayout layout = ClassLayout.parseClass(type);
        assertTrue(layout.instanceSize() <= bytes, type.getSimpleName() + " is " + layout.instanceSize()
                + " bytes, more than " + bytes + "\n" + layout.toPrintable());
    }

    /**
     * JOL cannot read a record's field offsets (the JDK refuses them), so a record's size is
     * worked out from its components: the header, each component's field size, aligned.
     * Field packing can only make the object smaller, never larger.
     */
    private static void assertRecordAtMost(int bytes, Class<? extends Record> type) {
        final org.openjdk.jol.vm.VirtualMachine vm = org.openjdk.jol.vm.VM.current();
        long size = vm.objectHeaderSize();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            size += vm.sizeOfField(c.getType().isPrimitive() ? c.getType().getName() : "object");
        }
        final long aligned = (size + vm.objectAlignment() - 1) / vm.objectAlignment() * vm.objectAlignment();
        assertTrue(aligned <= bytes, type.getSimpleName() + " is " + aligned + " bytes, more than " + bytes);
    }

    private static Set<String> groupOf(List<Set<String>> groups, String field) {
        for (Set<String> g : groups) {
            if (g.contains(field)) {
                return g;
            }
        }
        return null;
    }

    private static boolean isPadding(String name) {
        return name.matches("p[0-9a-f]{2}") || name.endsWith("Gap");
    }

    /** Final fields are written once, before the object is shared: no false sharing. */
    private static boolean isFinal(Class<?> type, FieldLayout f) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return java.lang.reflect.Modifier.isFinal(c.getDeclaredField(f.name()).getModifiers());
            } catch (NoSuchFieldException notHere) {
                // declared further up
            }
        }
        throw new AssertionError("no field " + f.name() + " in " + type);
    }

    private static void check(boolean ok, Class<?> type, String what, ClassLayout layout) {
        if (!ok) {
            fail(type.getSimpleName() + ": " + what + "\n" + layout.toPrintable());
        }
    }
}
