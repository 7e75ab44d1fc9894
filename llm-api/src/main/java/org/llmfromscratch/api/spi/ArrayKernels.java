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

    /** A float storage for a kernel that overwrites every element; override to take it from a pool. */
    protected ArrayStorage newFloats(int length) {
        return floatStorage(new float[length]);
    }

    @Override
    public Storage unary(UnaryOp op, Storage a) {
        float[] x = array(a).floats;
        ArrayStorage out = newFloats(x.length);
        ArrayPrimitives.unary(op, x, out.floats, 0, x.length);
        return out;
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        long total = 1;
        for (int d : outShape) {
            total *= d;
        }
        ArrayStorage out = newFloats(Math.toIntExact(total));
        ArrayPrimitives.broadcast(op, array(a).floats, aShape, array(b).floats, bShape, outShape, out.floats);
        return out;
    }

    @Override
    public Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        ArrayStorage out = newFloats(Math.toIntExact(outer * inner));
        ArrayPrimitives.reduce(op, array(a).floats, (int) dim, (int) inner, out.floats, 0, (int) outer);
        return out;
    }

    @Override
    public Storage matmul(Storage a, Storage b, MatmulSpec spec) {
        ArrayStorage out = newFloats(Math.toIntExact((long) spec.batch() * spec.m() * spec.n()));
        ArrayPrimitives.matmul(array(a).floats, array(b).floats, spec, out.floats, 0, spec.batch());
        return out;
    }

    @Override
    public Storage permute(Storage a, int[] shape, int[] perm) {
        ArrayStorage h = array(a);
        int n = Math.toIntExact(h.size());
        return switch (h.dtype()) {
            case FLOAT32 -> {
                ArrayStorage out = newFloats(n);
                ArrayPrimitives.permute(h.floats, shape, perm, out.floats);
                yield out;
            }
            case INT32 -> {
                int[] out = new int[n];
                ArrayPrimitives.permute(h.ints, shape, perm, out);
                yield ArrayStorage.of(out);
            }
            case INT64 -> {
                long[] out = new long[n];
                ArrayPrimitives.permute(h.longs, shape, perm, out);
                yield ArrayStorage.of(out);
            }
        };
    }

    @Override
    public Storage concat(Storage[] parts, long outer, long[] sizes, long inner) {
        float[][] arrays = new float[parts.length][];
        long total = 0;
        for (int p = 0; p < parts.length; p++) {
            arrays[p] = array(parts[p]).floats;
            total += sizes[p];
        }
        ArrayStorage out = newFloats(Math.toIntExact(outer * total * inner));
        ArrayPrimitives.concat(arrays, (int) outer, sizes, (int) inner, out.floats);
        return out;
    }

    @Override
    public Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        ArrayStorage out = floatStorage(new float[Math.multiplyExact(rows, cols)]);
        ArrayPrimitives.scatterAddRows(array(src).floats, cols, array(ids).idsAsInts(), out.floats);
        return out;
    }

    @Override
    public void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        ArrayPrimitives.scatterAddRows(array(src).floats, cols, array(ids).idsAsInts(), array(target).floats);
    }

    @Override
    public Storage maskedFill(Storage a, int[] shape, Storage mask, int[] maskShape, float value) {
        float[] x = array(a).floats;
        ArrayStorage out = newFloats(x.length);
        ArrayPrimitives.maskedFill(x, shape, array(mask).floats, maskShape, value, out.floats);
        return out;
    }

    @Override
    public void copyInto(Storage target, Storage src) {
        ArrayStorage t = array(target);
        ArrayStorage s = array(src);
        Object from = s.floats != null ? s.floats : s.ints != null ? s.ints : s.longs;
        Object to = t.floats != null ? t.floats : t.ints != null ? t.ints : t.longs;
        System.arraycopy(from, 0, to, 0, Math.toIntExact(s.size()));
    }

    @Override
    public void accumulate(Storage target, Storage src) {
        float[] t = array(target).floats;
        float[] s = array(src).floats;
        for (int i = 0; i < t.length; i++) {
            t[i] += s[i];
        }
    }
}
