package org.channels4j.impl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ForkJoinWorkerThread;

final class Exp {
    static final int MODE = Integer.getInteger("c4j.exp", 0);
    private static final MethodHandle QUEUED;
    static {
        MethodHandle h = null;
        if (MODE == 1 || MODE == 2 || MODE == 5) {
            try {
                h = MethodHandles.privateLookupIn(ForkJoinWorkerThread.class, MethodHandles.lookup())
                        .findStatic(ForkJoinWorkerThread.class, "hasKnownQueuedWork", MethodType.methodType(boolean.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        QUEUED = h;
    }
    static final boolean DIAG = Boolean.getBoolean("c4j.diag");
    static final java.util.concurrent.atomic.LongAdder REG = new java.util.concurrent.atomic.LongAdder(),
        READY = new java.util.concurrent.atomic.LongAdder(), SPUN = new java.util.concurrent.atomic.LongAdder(),
        PARKED = new java.util.concurrent.atomic.LongAdder(), UNPARK = new java.util.concurrent.atomic.LongAdder(),
        YIELD = new java.util.concurrent.atomic.LongAdder(), PARKCALLS = new java.util.concurrent.atomic.LongAdder(),
        SPINITERS = new java.util.concurrent.atomic.LongAdder(), RETRY = new java.util.concurrent.atomic.LongAdder();
    static {
        if (DIAG) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                "DIAG reg=%d ready=%d spun=%d parked=%d parkcalls=%d unpark=%d yield=%d spiniters=%d retry=%d%n",
                REG.sum(), READY.sum(), SPUN.sum(), PARKED.sum(), PARKCALLS.sum(), UNPARK.sum(), YIELD.sum(), SPINITERS.sum(), RETRY.sum())));
        }
    }
    static boolean queued() {
        try {
            return (boolean) QUEUED.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
