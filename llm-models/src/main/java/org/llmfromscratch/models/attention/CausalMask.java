package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** {@code torch.triu(torch.ones(n, n), diagonal=1)}: 1 above the diagonal (the future), 0 elsewhere. */
public final class CausalMask {
    private CausalMask() {}

    /** The {@code [rows, cols]} mask for queries at positions {@code offset..offset+rows-1} over keys {@code 0..cols-1}. */
    public static Tensor of(Backend backend, int rows, int cols, int offset) {
        float[] m = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = i + offset + 1; j < cols; j++) {
                m[i * cols + j] = 1f;
            }
        }
        return backend.adopt(Shape.of(rows, cols), m);
    }

    /** The square {@code [n, n]} mask. */
    public static Tensor of(Backend backend, int n) {
        return of(backend, n, n, 0);
    }
}
