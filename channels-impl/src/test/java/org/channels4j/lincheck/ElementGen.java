package org.channels4j.lincheck;

import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * The elements Lincheck sends in generated scenarios: 1, 2, 3, 1, 2, ... in turn, starting over
 * with each scenario. Successive sends always carry different elements, so an order mix-up
 * shows in the results (Lincheck's {@code IntGen} starts every scenario from one value and only
 * widens the range by chance, so most of its sends carry the same element), and three values
 * keep the model's states few.
 */
public final class ElementGen implements ParameterGenerator<Integer> {
    private int next = 1;

    /** The signature Lincheck instantiates generators with; neither argument is needed. */
    public ElementGen(RandomProvider randomProvider, String configuration) {
    }

    @Override
    public Integer generate() {
        final int e = next;
        next = e % 3 + 1;
        return e;
    }

    @Override
    public void reset() {
        next = 1;
    }
}
