package org.channels4j.jmh.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The padding ablation compares two rings generated from channels-impl's sources (see
 * channels-jmh/pom.xml). These tests keep that comparison honest: the padded copy has exactly
 * the real ring's fields, and the unpadded copy has exactly those minus the padding.
 */
class PaddingAblationLayoutTest {
    private static final Predicate<String> PADDING = name -> name.matches("p\\d\\d");

    /** Instance field names of a class and its superclasses, superclass fields first. */
    private static List<String> instanceFields(String className) throws ClassNotFoundException {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = Class.forName(className); c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        List<String> names = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    names.add(c.getSimpleName() + "." + f.getName());
                }
            }
        }
        return names;
    }

    @Test
    void paddedCopyHasExactlyTheRealRingsFields() throws ClassNotFoundException {
        List<String> real = instanceFields("org.channels4j.impl.RingBuffer");
        assertTrue(real.stream().map(n -> n.substring(n.indexOf('.') + 1)).anyMatch(PADDING),
                "the real ring is padded: " + real);
        assertEquals(real, instanceFields("org.channels4j.jmh.ablation.padded.RingBuffer"));
    }

    @Test
    void unpaddedCopyHasTheSameFieldsWithoutPadding() throws ClassNotFoundException {
        List<String> unpadded = instanceFields("org.channels4j.jmh.ablation.unpadded.RingBuffer");
        List<String> expected = instanceFields("org.channels4j.jmh.ablation.padded.RingBuffer").stream()
                .filter(n -> !PADDING.test(n.substring(n.indexOf('.') + 1)))
                .toList();
        assertEquals(expected, unpadded);
        assertFalse(unpadded.isEmpty());
    }
}
