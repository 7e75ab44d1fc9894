package org.llmfromscratch.api.spi;

import org.llmfromscratch.api.DType;

/**
 * The compute primitives a backend implements: storage in, storage out. This is the whole contract a
 * backend author writes; {@link org.llmfromscratch.api.Tensor} does shapes, validation, broadcasting
 * rules, error messages and lifetime once, for every backend.
 *
 * <p>Every argument has been validated when a method is called: storages belong to this backend, are
 * open, have the dtype and element count the method needs, and every token id is in range. Storages
 * are contiguous, row-major. Methods must be safe to call from several threads at once, and must never
 * modify their inputs. Results are new storages owned by the caller.
 *
 * <p>New operations (embedding backward as a scatter-add, optimizer steps, attention) will be added as
 * {@code default} methods that throw {@link UnsupportedOperationException}, so existing backends keep
 * compiling and fail clearly until they implement them.
 */
public interface Kernels {

    /** Where this backend computes, for people: e.g. {@code "CPU, Java heap, 2 threads"}. */
    String device();

    /**
     * A new FLOAT32 storage holding {@code values}. The array is handed over: the caller never reads
     * or writes it again, so a heap backend may keep it without copying.
     */
    Storage fromFloats(float[] values);

    /** A new INT32 storage holding {@code values}; the array is handed over as in {@link #fromFloats}. */
    Storage fromInts(int[] values);

    /** A new INT64 storage holding {@code values}; the array is handed over as in {@link #fromFloats}. */
    Storage fromLongs(long[] values);

    /** A new storage of {@code count} zeros ({@code count} may be 0). */
    Storage zeros(DType dtype, long count);

    /** A copy of a FLOAT32 storage's elements (the caller may modify it). */
    float[] readFloats(Storage storage);

    /** A copy of an INT32 storage's elements. */
    int[] readInts(Storage storage);

    /** A copy of an INT64 storage's elements. */
    long[] readLongs(Storage storage);

    /**
     * The embedding lookup {@code weight[ids]}: {@code out[i, :] = table[ids[i], :]} for every
     * {@code i < ids.size()}, with {@code table} a FLOAT32 {@code [rows, cols]} matrix and {@code ids}
     * INT32 or INT64.
     */
    Storage gatherRows(Storage table, int cols, Storage ids);

    /**
     * The GPT input embedding, fused: {@code out[b, t, :] = tok[ids[b * seq + t], :] + pos[t, :]} for
     * {@code b < batch}, {@code t < seq}; {@code tok} is {@code [vocab, cols]}, {@code pos} is at least
     * {@code [seq, cols]}. A backend that has nothing better may gather, then add with broadcasting.
     */
    Storage embed(Storage tok, Storage pos, int cols, Storage ids, int batch, int seq);

    /**
     * {@code out = a op b} for FLOAT32 storages with NumPy broadcasting. The three shapes have the
     * same rank (the API pads with leading 1s); each of {@code aShape[i]}, {@code bShape[i]} equals
     * {@code outShape[i]} or is 1.
     */
    Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape);

    /** The sum of every element of a FLOAT32 storage, accumulated in double (integer sums are the API's). */
    double sum(Storage storage);

    /** The sum of squares of every element of a FLOAT32 storage, accumulated in double. */
    double sumOfSquares(Storage storage);

    /**
     * A slice along one dimension, seen as a {@code [outer, dimSize, inner]} block: the result is
     * {@code [outer, end - start, inner]} with {@code out[o, i, k] = src[o, start + i, k]}.
     */
    Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end);
}
