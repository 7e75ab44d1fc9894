package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.spi.FloatArrayPool;

/** The pool, and the java backend's use of it: recycled outputs never show stale values. */
class RecycledArraysTest {

    @Test
    void aGivenBackArrayIsTakenAgain() {
        FloatArrayPool pool = new FloatArrayPool(4, 1 << 30);
        float[] a = pool.take(FloatArrayPool.MIN_LENGTH);
        pool.give(a);
        assertSame(a, pool.take(FloatArrayPool.MIN_LENGTH));
        assertNotSame(a, pool.take(FloatArrayPool.MIN_LENGTH), "taken arrays leave the pool");
    }

    @Test
    void smallArraysAndArraysOverTheBudgetAreNotKept() {
        FloatArrayPool pool = new FloatArrayPool(4, 4L * FloatArrayPool.MIN_LENGTH);
        float[] small = new float[10];
        pool.give(small);
        assertNotSame(small, pool.take(10));
        float[] a = new float[FloatArrayPool.MIN_LENGTH];
        float[] b = new float[FloatArrayPool.MIN_LENGTH];
        pool.give(a);
        pool.give(b);
        assertSame(a, pool.take(a.length));
        assertNotSame(b, pool.take(b.length), "only one array fits the 256 KB budget");
    }

    @Test
    void aPoolForShortArraysKeepsThemFromItsMinimumLength() {
        FloatArrayPool pool = new FloatArrayPool(4, 1 << 20, 64);
        float[] short63 = new float[63];
        float[] short64 = new float[64];
        pool.give(short63);
        pool.give(short64);
        assertNotSame(short63, pool.take(63), "under the minimum: not kept");
        assertSame(short64, pool.take(64), "at the minimum: kept");
    }

    @Test
    void recycledOutputsNeverLeakStaleValues() {
        Backend backend = Backend.of("java-pool-test", new JavaKernels(2));
        int n = FloatArrayPool.MIN_LENGTH;
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        Tensor a = backend.fromFloats(Shape.of(n), ones);
        Tensor sum = a.add(a);
        sum.close(); // its array goes back to the pool
        Tensor zeros = backend.zeros(DType.FLOAT32, n);
        assertArrayEquals(new float[n], zeros.toFloatArray(), "zeros are zero even with arrays in the pool");
        Tensor again = a.sub(a); // reuses the recycled array: every element rewritten
        assertEquals(0.0, again.norm().item());
    }
}
