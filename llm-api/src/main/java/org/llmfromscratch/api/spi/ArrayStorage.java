package org.llmfromscratch.api.spi;

import java.util.concurrent.atomic.AtomicBoolean;
import org.llmfromscratch.api.DType;

/**
 * Storage that is one Java array, for backends that compute on the heap (the pure-Java backend) or hand
 * Java arrays to a device (Aparapi): exactly one of {@link #floats}, {@link #ints}, {@link #longs} is set.
 *
 * <p>A storage made with {@link #pooled} gives its float array back to a {@link FloatArrayPool} when
 * released, so that the next output of that size reuses it; the array then holds another tensor's
 * values, which a backend that caches arrays on a device must treat as new contents ({@link #isPooled}).
 * Kernels must not modify the arrays of their inputs.
 */
public final class ArrayStorage implements Storage {
    /** The elements of a FLOAT32 storage, else null. */
    public final float[] floats;
    /** The elements of an INT32 storage, else null. */
    public final int[] ints;
    /** The elements of an INT64 storage, else null. */
    public final long[] longs;

    private final DType dtype;
    private final FloatArrayPool pool;
    private final AtomicBoolean released = new AtomicBoolean();

    private ArrayStorage(DType dtype, float[] floats, int[] ints, long[] longs, FloatArrayPool pool) {
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
        this.pool = pool;
    }

    /** FLOAT32 storage over {@code values} (not copied). */
    public static ArrayStorage of(float[] values) {
        return new ArrayStorage(DType.FLOAT32, values, null, null, null);
    }

    /** FLOAT32 storage whose array goes back to {@code pool} when released. */
    public static ArrayStorage pooled(float[] values, FloatArrayPool pool) {
        return new ArrayStorage(DType.FLOAT32, values, null, null, pool);
    }

    /** INT32 storage over {@code values} (not copied). */
    public static ArrayStorage of(int[] values) {
        return new ArrayStorage(DType.INT32, null, values, null, null);
    }

    /** INT64 storage over {@code values} (not copied). */
    public static ArrayStorage of(long[] values) {
        return new ArrayStorage(DType.INT64, null, null, values, null);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return floats != null ? floats.length : ints != null ? ints.length : longs.length;
    }

    /** True when the array is recycled through a pool: it may hold another tensor's values later. */
    public boolean isPooled() {
        return pool != null;
    }

    /**
     * Gives a pooled array back; other arrays are left to the garbage collector. The API calls this once,
     * after the last tensor over this storage is closed; it is idempotent all the same, because an array
     * given back twice would be handed to two live tensors.
     */
    @Override
    public void release() {
        if (pool != null && released.compareAndSet(false, true)) {
            pool.give(floats);
        }
    }

    /** The id at position {@code i} of an INT32 or INT64 id storage. */
    public int id(int i) {
        return ints != null ? ints[i] : (int) longs[i];
    }

    /** The ids as an int[]: INT32 as is (not copied), INT64 narrowed (the API has range-checked every id). */
    public int[] idsAsInts() {
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
