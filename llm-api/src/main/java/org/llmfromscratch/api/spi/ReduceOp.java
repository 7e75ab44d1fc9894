package org.llmfromscratch.api.spi;

/** The reductions of {@link Kernels#reduce}: along one dimension, {@code torch.sum(dim)} and {@code torch.amax(dim)}. */
public enum ReduceOp {
    /** The sum, accumulated in double and rounded to float once. */
    SUM,
    /** The largest element (NaN if any element is NaN). */
    MAX
}
