package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.Storage;

/** Storage on the Java heap: exactly one of a float[], int[] or long[]. Release leaves it to the GC. */
final class HeapStorage implements Storage {
    final float[] floats;
    final int[] ints;
    final long[] longs;
    private final DType dtype;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    private final FloatArrayPool pool;

    private HeapStorage(DType dtype, float[] floats, int[] ints, long[] longs, FloatArrayPool pool) {
        this.dtype = dtype;
        this.pool = pool;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
    }

    static HeapStorage of(float[] v) {
        return new HeapStorage(DType.FLOAT32, v, null, null, null);
    }

    /** Float storage whose array goes back to {@code pool} when released. */
    static HeapStorage pooled(float[] v, FloatArrayPool pool) {
        return new HeapStorage(DType.FLOAT32, v, null, null, pool);
    }

    static HeapStorage of(int[] v) {
        return new HeapStorage(DType.INT32, null, v, null, null);
    }

    static HeapStorage of(long[] v) {
        return new HeapStorage(DType.INT64, null, null, v, null);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return floats != null ? floats.length : ints != null ? ints.length : longs.length;
    }

    @Override
    public void release() {
        // The API calls this once, after the last tensor over this storage is closed, so no one can
        // read the array again: recycle it. Unclosed tensors are simply garbage collected.
        // Once only, even if interop code wrapped this storage in two tensors (Backend.wrap): an array
        // given back twice would be handed to two live tensors.
        if (pool != null && floats != null && released.compareAndSet(false, true)) {
            pool.give(floats);
        }
    }

    /** The id at position {@code i} of an INT32 or INT64 id storage. */
    int id(int i) {
        return ints != null ? ints[i] : (int) longs[i];
    }
}
