package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.Storage;

/**
 * A tensor's memory: one Java array, the copy Aparapi pins and hands to OpenCL. Aparapi allocates a
 * device buffer per (kernel, array); in explicit mode an input array that stays bound to a kernel is
 * not uploaded again (tensors never change after creation, so the device copy cannot go stale).
 */
final class ClStorage implements Storage {
    final float[] floats;
    final int[] ints;
    final long[] longs;
    private final DType dtype;

    private ClStorage(DType dtype, float[] floats, int[] ints, long[] longs) {
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
    }

    static ClStorage of(float[] v) {
        return new ClStorage(DType.FLOAT32, v, null, null);
    }

    static ClStorage of(int[] v) {
        return new ClStorage(DType.INT32, null, v, null);
    }

    static ClStorage of(long[] v) {
        return new ClStorage(DType.INT64, null, null, v);
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
        // Heap arrays: the GC frees them; a kernel keeps the device buffer of the arrays it ran on last
        // until its next launch rebinds the field (Aparapi frees the old buffer then).
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
