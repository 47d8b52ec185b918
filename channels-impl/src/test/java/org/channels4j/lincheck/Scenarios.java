package org.channels4j.lincheck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Hand-built Lincheck scenarios from Java. Lincheck 3.7's scenario DSL takes Kotlin function
 * references, which Java cannot write, so this builds the same {@link ExecutionScenario} from
 * reflected methods: {@code scenario(initial(...), parallel(thread(...), ...), post(...))}.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** A call of the public method {@code name} of {@code operations} with {@code arguments}. */
    public static Actor actor(Class<?> operations, String name, Object... arguments) {
        for (Method m : operations.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arguments.length) {
                return new Actor(m, new ArrayList<>(Arrays.asList(arguments)));
            }
        }
        throw new IllegalArgumentException(operations.getName() + " has no public " + name
                + " with " + arguments.length + " parameters");
    }

    /** Operations run one after another by one thread. */
    public static List<Actor> thread(Actor... actors) {
        return new ArrayList<>(Arrays.asList(actors));
    }

    /** The sequential part before the threads start. */
    public static List<Actor> initial(Actor... actors) {
        return thread(actors);
    }

    /** The sequential part after every thread has finished. */
    public static List<Actor> post(Actor... actors) {
        return thread(actors);
    }

    @SafeVarargs
    public static List<List<Actor>> parallel(List<Actor>... threads) {
        return new ArrayList<>(Arrays.asList(threads));
    }

    public static ExecutionScenario scenario(List<Actor> initial, List<List<Actor>> parallel, List<Actor> post) {
        return new ExecutionScenario(initial, parallel, post, null);
    }
}
