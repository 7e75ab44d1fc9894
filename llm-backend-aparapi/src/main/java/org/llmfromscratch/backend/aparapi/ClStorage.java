package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.Storage;

/**
 * A tensor's memory: one Java array, the copy Aparapi pins and hands to OpenCL. Aparapi allocates a
 * device buffer per (kernel, array); in explicit mode an input array that stays bound to a kernel is
 * not uploaded again. A tensor never changes after creation, but a {@link #pooled} array is recycled for
 * a later tensor with new contents: kernels must {@code put} it whenever they bind it as an input.
 */
final class ClStorage implements Storage {
    final float[] floats;
    final int[] ints;
    final long[] longs;
    private final DType dtype;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    /** Where {@link #floats} goes back on release; null for arrays that are never recycled. */
    private final FloatArrayPool pool;

    private ClStorage(DType dtype, float[] floats, int[] ints, long[] longs, FloatArrayPool pool) {
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
        this.pool = pool;
    }

    /** Float storage whose array goes back to {@code pool} when released (and may then hold other data). */
    static ClStorage pooled(float[] v, FloatArrayPool pool) {
        return new ClStorage(DType.FLOAT32, v, null, null, pool);
    }

    /** True when the array is recycled: a kernel's device copy of it may be stale. */
    boolean pooled() {
        return pool != null;
    }

    static ClStorage of(float[] v) {
        return new ClStorage(DType.FLOAT32, v, null, null, null);
    }

    static ClStorage of(int[] v) {
        return new ClStorage(DType.INT32, null, v, null, null);
    }

    static ClStorage of(long[] v) {
        return new ClStorage(DType.INT64, null, null, v, null);
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
        // The API calls this once, after the last tensor over this storage is closed: no one reads the
        // array again, so a pooled one is recycled. Others are left to the GC; a kernel keeps the device
        // buffer of the arrays it ran on last until its next launch rebinds the field.
        // Once only, even if interop code wrapped this storage in two tensors (Backend.wrap): an array
        // given back twice would be handed to two live tensors.
        if (pool != null && released.compareAndSet(false, true)) {
            pool.give(floats);
        }
    }

    /** The ids as int[] for a kernel: INT32 as is, INT64 narrowed (the API has range-checked every id). */
    int[] idsAsInts() {
        if (ints != null) {
            return ints;
        }
        int[] narrow = new int[longs.length];
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = (int) longs[i];
        }
        return narrow;
    }
}
