package org.llmfromscratch.api.spi;

/**
 * The shape of one {@link Kernels#matmul} call: {@code out[b] = op(a[b]) @ op(b[b])} for {@code b < batch},
 * with {@code op(a)} of shape {@code [m, k]} and {@code op(b)} of shape {@code [k, n]}; the output is
 * {@code [batch, m, n]}, row-major.
 *
 * @param batch number of matrix products
 * @param m rows of the output
 * @param k the shared dimension
 * @param n columns of the output
 * @param transA {@code a} is stored as {@code [k, m]} (so {@code op(a)} is its transpose), else {@code [m, k]}
 * @param transB {@code b} is stored as {@code [n, k]}, else {@code [k, n]}
 * @param aBatched {@code a} holds {@code batch} matrices; when false it holds one, used for every product
 * @param bBatched {@code b} holds {@code batch} matrices; when false it holds one, used for every product
 */
public record MatmulSpec(
        int batch, int m, int k, int n, boolean transA, boolean transB, boolean aBatched, boolean bBatched) {

    /** Floating-point operations of the call, {@code 2 * batch * m * k * n}. */
    public double flops() {
        return 2.0 * batch * m * k * n;
    }
}
