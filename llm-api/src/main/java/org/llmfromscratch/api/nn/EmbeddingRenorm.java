package org.llmfromscratch.api.nn;

import java.util.Arrays;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * PyTorch's {@code embedding_renorm_}: before a lookup with {@code max_norm}, each distinct row looked up
 * whose norm exceeds {@code maxNorm} is scaled in place by {@code maxNorm / (norm + 1e-7)}. The table's
 * version counter moves, so a graph that saved the old table refuses to run backward.
 */
final class EmbeddingRenorm {
    private EmbeddingRenorm() {}

    static void apply(Tensor table, Tensor ids, double maxNorm, double normType) {
        int cols = table.size(1);
        long[] raw = ids.dtype() == DType.INT64
                ? ids.toLongArray()
                : Arrays.stream(ids.toIntArray()).asLongStream().toArray();
        int[] unique = Arrays.stream(raw)
                .distinct()
                .mapToInt(Math::toIntExact)
                .sorted()
                .toArray();
        for (int id : unique) {
            if (id < 0 || id >= table.size(0)) {
                throw new IllegalArgumentException("token id " + id + " is outside the embedding table of "
                        + table.size(0) + " rows: valid ids are 0.." + (table.size(0) - 1));
            }
        }
        try (NoGrad off = NoGrad.enter();
                TensorScope scope = TensorScope.open()) {
            Tensor idx = table.backend().tensor(unique);
            float[] rows = table.gatherRows(idx).toFloatArray();
            float[] delta = new float[rows.length];
            boolean changed = false;
            for (int r = 0; r < unique.length; r++) {
                double norm = 0;
                for (int c = 0; c < cols; c++) {
                    norm += Math.pow(Math.abs(rows[r * cols + c]), normType);
                }
                norm = Math.pow(norm, 1.0 / normType);
                if (norm > maxNorm) {
                    float scale = (float) (maxNorm / (norm + 1e-7));
                    for (int c = 0; c < cols; c++) {
                        float v = rows[r * cols + c];
                        delta[r * cols + c] = v * scale - v;
                    }
                    changed = true;
                }
            }
            if (changed) {
                Tensor d = table.backend().adopt(Shape.of(unique.length, cols), delta);
                table.backend()
                        .kernels()
                        .scatterAddRowsInto(table.storage(), table.size(0), cols, idx.storage(), d.storage());
                table.markModifiedInPlace();
            }
        }
    }
}
