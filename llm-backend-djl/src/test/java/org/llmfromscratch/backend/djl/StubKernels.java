package org.llmfromscratch.backend.djl;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * A minimal heap backend for the conversion tests, standing in for "any other backend" (this module may
 * not depend on another backend): it only stores and reads arrays.
 */
final class StubKernels implements Kernels {

    /** A Java array and its dtype. */
    record ArrayStorage(DType dtype, Object data, long size) implements Storage {
        @Override
        public void release() {
            // heap memory: left to the garbage collector
        }
    }

    @Override
    public String device() {
        return "Java heap (test)";
    }

    @Override
    public Storage fromFloats(float[] values) {
        return new ArrayStorage(DType.FLOAT32, values, values.length);
    }

    @Override
    public Storage fromInts(int[] values) {
        return new ArrayStorage(DType.INT32, values, values.length);
    }

    @Override
    public Storage fromLongs(long[] values) {
        return new ArrayStorage(DType.INT64, values, values.length);
    }

    @Override
    public Storage zeros(DType dtype, long count) {
        int n = Math.toIntExact(count);
        return dtype == DType.FLOAT32
                ? fromFloats(new float[n])
                : dtype == DType.INT32 ? fromInts(new int[n]) : fromLongs(new long[n]);
    }

    @Override
    public float[] readFloats(Storage storage) {
        return ((float[]) ((ArrayStorage) storage).data()).clone();
    }

    @Override
    public int[] readInts(Storage storage) {
        return ((int[]) ((ArrayStorage) storage).data()).clone();
    }

    @Override
    public long[] readLongs(Storage storage) {
        return ((long[]) ((ArrayStorage) storage).data()).clone();
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }

    @Override
    public Storage embed(Storage tok, Storage pos, int cols, Storage ids, int batch, int seq) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }

    @Override
    public double sum(Storage storage) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }

    @Override
    public double sumOfSquares(Storage storage) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        throw new UnsupportedOperationException("test kernels only store arrays");
    }
}
