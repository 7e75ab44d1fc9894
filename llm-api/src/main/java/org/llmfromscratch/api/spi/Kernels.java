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
 * <p><b>Required and optional.</b> The storage methods and the forward embedding kernels above the
 * line "primitives" are abstract. The primitive families that training needs ({@link #unary},
 * {@link #broadcast}, {@link #reduce}, {@link #matmul}, {@link #permute}, {@link #concat},
 * {@link #scatterAddRows}, {@link #maskedFill}, {@link #copyInto}) are {@code default} methods that throw
 * {@link UnsupportedOperationException} naming the kernel, so a backend compiles before it implements them
 * and fails clearly until it does; the conformance suite checks every one. The composites after them
 * ({@link #softmax}, {@link #logSoftmax}, {@link #accumulate}, {@link #scatterAddRowsInto},
 * {@link #adamStep}, {@link #attention}, {@link #attentionBackward}, {@link #copyIntoRows},
 * {@link #cachedAttention}) have working defaults built from the primitives: a backend overrides one only
 * to fuse it for speed, and the conformance suite checks the override against the composition.
 *
 * <p>Only {@link #copyInto}, {@link #copyIntoRows}, {@link #accumulate}, {@link #scatterAddRowsInto} and
 * {@link #adamStep} write into an existing storage; the API calls them only on storages it owns alone
 * (gradients, optimizer state, parameters between steps, a key-value cache).
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

    // ---- primitives: element-wise, reduce, matmul, movement, gather/scatter --------------------------

    /** {@code out[i] = op(a[i])} for a FLOAT32 storage. */
    default Storage unary(UnaryOp op, Storage a) {
        throw unsupported("unary(" + op + ")");
    }

    /**
     * A reduction along one dimension of {@code a} seen as {@code [outer, dim, inner]}: the result is
     * {@code [outer, inner]}; {@link ReduceOp#SUM} accumulates in double.
     */
    default Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        throw unsupported("reduce(" + op + ")");
    }

    /** Matrix products as {@code spec} describes (FLOAT32; see {@link MatmulSpec}): the output is new. */
    default Storage matmul(Storage a, Storage b, MatmulSpec spec) {
        throw unsupported("matmul");
    }

    /**
     * {@code a.permute(perm).contiguous()}: {@code a} has {@code shape}; the result has shape
     * {@code shape[perm[0]], shape[perm[1]], ...}. Any dtype.
     */
    default Storage permute(Storage a, int[] shape, int[] perm) {
        throw unsupported("permute");
    }

    /**
     * {@code torch.cat} along one dimension: part {@code p} is {@code [outer, sizes[p], inner]}; the
     * result is {@code [outer, sum(sizes), inner]}. FLOAT32.
     */
    default Storage concat(Storage[] parts, long outer, long[] sizes, long inner) {
        throw unsupported("concat");
    }

    /**
     * The embedding backward: a new zeroed FLOAT32 {@code [rows, cols]} table into which every
     * {@code src[i, :]} is added at row {@code ids[i]} (repeated ids accumulate). {@code src} is
     * {@code [ids.size(), cols]}; ids are INT32 or INT64, each in {@code 0..rows-1}, except {@code -1},
     * which means "skip this row". Deterministic: the same bits on every run and thread count (add the
     * rows of one id in the order of {@code i}).
     */
    default Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        throw unsupported("scatterAddRows");
    }

    /**
     * {@code a.masked_fill(mask, value)}: {@code value} where the broadcast FLOAT32 {@code mask} is
     * non-zero, else {@code a}. {@code maskShape} has the rank of {@code shape} and each size equals it or 1.
     */
    default Storage maskedFill(Storage a, int[] shape, Storage mask, int[] maskShape, float value) {
        throw unsupported("maskedFill");
    }

    /** Overwrites every element of {@code target} with {@code src}'s (same dtype and size): in place. */
    default void copyInto(Storage target, Storage src) {
        throw unsupported("copyInto");
    }

    // ---- composites: working defaults from the primitives; override to fuse ---------------------------

    /** Softmax along the middle dimension of {@code [outer, dim, inner]}: {@code exp(x - max) / sum}. */
    default Storage softmax(Storage a, long outer, long dim, long inner) {
        return Composites.softmax(this, a, outer, dim, inner, false);
    }

    /** Log-softmax along the middle dimension of {@code [outer, dim, inner]}: {@code x - max - log(sum(exp(x - max)))}. */
    default Storage logSoftmax(Storage a, long outer, long dim, long inner) {
        return Composites.softmax(this, a, outer, dim, inner, true);
    }

    /** {@code target += src}, in place (same size, FLOAT32): gradient accumulation. */
    default void accumulate(Storage target, Storage src) {
        Composites.accumulate(this, target, src);
    }

    /** {@code target[ids[i], :] += src[i, :]}, in place: the embedding backward into an existing gradient. */
    default void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        Storage dense = scatterAddRows(src, cols, ids, rows);
        try {
            accumulate(target, dense);
        } finally {
            dense.release();
        }
    }

    /**
     * One Adam/AdamW update of {@code param} with gradient {@code grad}, updating {@code param},
     * {@code expAvg} and {@code expAvgSq} in place, in PyTorch 1.13's order of float32 operations:
     * {@code p *= decayFactor}; {@code g' = g + l2 * p}; {@code m = m * b1 + (1 - b1) * g'};
     * {@code v = v * b2 + (1 - b2) * g' * g'}; {@code denom = sqrt(v) / biasCorrection2Sqrt + eps};
     * {@code p = p + (-stepSize) * m / denom}, each scalar rounded to float.
     */
    default void adamStep(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep step) {
        Composites.adamStep(this, param, grad, expAvg, expAvgSq, step);
    }

    /**
     * Scaled dot-product attention, {@code softmax(mask(Q K^T) / sqrt(D)) V} for every head ({@link AttentionSpec}):
     * {@code q} is {@code [BH, Tq, D]}, {@code k} and {@code v} {@code [BH, Tk, D]}, the result {@code [BH, Tq, D]}.
     * The default materializes the {@code [BH, Tq, Tk]} weights; a backend may fuse it (FlashAttention's
     * idea: never write the weights to memory).
     */
    default Storage attention(Storage q, Storage k, Storage v, AttentionSpec spec) {
        return Composites.attention(this, q, k, v, spec);
    }

    /**
     * The gradients {@code {dq, dk, dv}} of {@link #attention} for the upstream gradient {@code dOut}
     * {@code [BH, Tq, D]}; the default recomputes the weights from {@code q} and {@code k}.
     */
    default Storage[] attentionBackward(Storage q, Storage k, Storage v, Storage dOut, AttentionSpec spec) {
        return Composites.attentionBackward(this, q, k, v, dOut, spec);
    }

    /**
     * {@code target[o, start + i, c] = src[o, i, c]}, in place: {@code src} ({@code [outer, srcRows, inner]})
     * is written over rows {@code [start, start + srcRows)} of {@code target} seen as
     * {@code [outer, rows, inner]} (FLOAT32; the rows fit). A key-value cache appends each new token's keys
     * and values this way. The default rebuilds the whole target with {@link #slice} and {@link #concat} and
     * copies it back; override it to write only the new rows.
     */
    default void copyIntoRows(
            Storage target, long outer, long rows, long inner, long start, Storage src, long srcRows) {
        Composites.copyIntoRows(this, target, outer, rows, inner, start, src, srcRows);
    }

    /**
     * {@link #attention} over the first {@code spec.keys()} of the {@code capacity} rows each head has in
     * {@code k} and {@code v}, which are {@code [BH, capacity, D]}: a key-value cache allocated once for the
     * whole context and filled as tokens come. The default slices the filled rows out and calls
     * {@link #attention}; override it to read the cache where it is.
     */
    default Storage cachedAttention(Storage q, Storage k, Storage v, int capacity, AttentionSpec spec) {
        return Composites.cachedAttention(this, q, k, v, capacity, spec);
    }

    private UnsupportedOperationException unsupported(String kernel) {
        return new UnsupportedOperationException("the backend with device '" + device() + "' does not implement the "
                + kernel + " kernel (" + getClass().getName() + ")");
    }
}
