package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.Storage;

/** Storage on the Java heap: exactly one of a float[], int[] or long[]. Release leaves it to the GC. */
final class HeapStorage implements Storage {
    final float[] floats;
    final int[] ints;
    final long[] longs;
    private final DType dtype;

    private HeapStorage(DType dtype, float[] floats, int[] ints, long[] longs) {
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
    }

    static HeapStorage of(float[] v) {
        return new HeapStorage(DType.FLOAT32, v, null, null);
    }

    static HeapStorage of(int[] v) {
        return new HeapStorage(DType.INT32, null, v, null);
    }

    static HeapStorage of(long[] v) {
        return new HeapStorage(DType.INT64, null, null, v);
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
        // Heap memory: the garbage collector frees it once the tensor is unreachable.
    }

    /** The id at position {@code i} of an INT32 or INT64 id storage. */
    int id(int i) {
        return ints != null ? ints[i] : (int) longs[i];
    }
}
