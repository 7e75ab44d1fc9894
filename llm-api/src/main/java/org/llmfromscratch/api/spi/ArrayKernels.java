package org.llmfromscratch.api.spi;

import org.llmfromscratch.api.DType;

/**
 * The storage half of {@link Kernels} for backends whose storage is {@link ArrayStorage} (Java arrays on
 * the heap, or handed to a device as the pure-Java and Aparapi backends do): creating, zero-filling and
 * reading storages. A subclass writes only the compute kernels, and may recycle float arrays by
 * overriding {@link #floatStorage}.
 */
public abstract class ArrayKernels implements Kernels {

    /** Storage over a float array this backend now owns; override to recycle arrays through a pool. */
    protected ArrayStorage floatStorage(float[] values) {
        return ArrayStorage.of(values);
    }

    /** {@code storage} as this family's storage, or a clear error naming what came instead. */
    protected static ArrayStorage array(Storage storage) {
        if (!(storage instanceof ArrayStorage)) {
            throw new IllegalArgumentException("an array-backed backend got storage of another backend: "
                    + storage.getClass().getName());
        }
        return (ArrayStorage) storage;
    }

    @Override
    public Storage fromFloats(float[] values) {
        return floatStorage(values);
    }

    @Override
    public Storage fromInts(int[] values) {
        return ArrayStorage.of(values);
    }

    @Override
    public Storage fromLongs(long[] values) {
        return ArrayStorage.of(values);
    }

    @Override
    public Storage zeros(DType dtype, long count) {
        int n = Math.toIntExact(count);
        return switch (dtype) {
            case FLOAT32 -> floatStorage(new float[n]);
            case INT32 -> ArrayStorage.of(new int[n]);
            case INT64 -> ArrayStorage.of(new long[n]);
        };
    }

    @Override
    public float[] readFloats(Storage storage) {
        return array(storage).floats.clone();
    }

    @Override
    public int[] readInts(Storage storage) {
        return array(storage).ints.clone();
    }

    @Override
    public long[] readLongs(Storage storage) {
        return array(storage).longs.clone();
    }
}
