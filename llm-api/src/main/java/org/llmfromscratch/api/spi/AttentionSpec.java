package org.llmfromscratch.api.spi;

/**
 * The shape of one {@link Kernels#attention} call: for each of {@code batchHeads} independent heads, queries
 * {@code [queries, headDim]} attend over keys and values {@code [keys, headDim]}:
 * {@code softmax(mask(Q K^T) / sqrt(headDim)) V}, in the book's order (mask, divide, softmax).
 *
 * @param batchHeads batch size times heads
 * @param queries query positions per head
 * @param keys key (and value) positions per head
 * @param headDim width of each head
 * @param causalOffset query {@code i} sits at position {@code causalOffset + i} and may not see keys after it
 *     ({@code -inf} before the softmax); negative for no mask
 */
public record AttentionSpec(int batchHeads, int queries, int keys, int headDim, int causalOffset) {

    /** True when keys after a query's position are masked. */
    public boolean causal() {
        return causalOffset >= 0;
    }
}
