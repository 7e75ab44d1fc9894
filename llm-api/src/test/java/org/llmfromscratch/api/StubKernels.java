package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/** Storage-only kernels for llm-api's own tests (compute is tested on real backends by the conformance suite). */
final class StubKernels implements Kernels {

    record ArrayStorage(DType dtype, Object array) implements Storage {
        @Override
        public long size() {
            return java.lang.reflect.Array.getLength(array);
        }

        @Override
        public void release() {}
    }

    @Override
    public String device() {
        return "test arrays";
    }

    @Override
    public Storage fromFloats(float[] values) {
        return new ArrayStorage(DType.FLOAT32, values);
    }

    @Override
    public Storage fromInts(int[] values) {
        return new ArrayStorage(DType.INT32, values);
    }

    @Override
    public Storage fromLongs(long[] values) {
        return new ArrayStorage(DType.INT64, values);
    }

    @Override
    public Storage zeros(DType dtype, long count) {
        int n = (int) count;
        return switch (dtype) {
            case FLOAT32 -> fromFloats(new float[n]);
            case INT32 -> fromInts(new int[n]);
            case INT64 -> fromLongs(new long[n]);
        };
    }

    @Override
    public float[] readFloats(Storage s) {
        return ((float[]) ((ArrayStorage) s).array()).clone();
    }

    @Override
    public int[] readInts(Storage s) {
        return ((int[]) ((ArrayStorage) s).array()).clone();
    }

    @Override
    public long[] readLongs(Storage s) {
        return ((long[]) ((ArrayStorage) s).array()).clone();
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        throw new UnsupportedOperationException("gatherRows");
    }

    @Override
    public Storage embed(Storage tok, Storage pos, int cols, Storage ids, int batch, int seq) {
        throw new UnsupportedOperationException("embed");
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        throw new UnsupportedOperationException("broadcast");
    }

    @Override
    public double sum(Storage s) {
        double t = 0;
        for (double v : Tensors.doubles(s)) {
            t += v;
        }
        return t;
    }

    @Override
    public double sumOfSquares(Storage s) {
        double t = 0;
        for (double v : Tensors.doubles(s)) {
            t += v * v;
        }
        return t;
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        throw new UnsupportedOperationException("slice");
    }

    /** Test helper. */
    static final class Tensors {
        static double[] doubles(Storage s) {
            Object a = ((ArrayStorage) s).array();
            int n = java.lang.reflect.Array.getLength(a);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) java.lang.reflect.Array.get(a, i)).doubleValue();
            }
            return out;
        }
    }
}
