package org.llmfromscratch.api.spi;

/**
 * The element-wise binary operations of {@link Kernels#broadcast}: each {@link #apply} is the reference
 * semantics every backend must match (in float32, as PyTorch computes on float tensors).
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code a ** b} ({@code torch.pow}). */
    POW,
    /** {@code max(a, b)} ({@code torch.maximum}; NaN if either is NaN). */
    MAXIMUM,
    /** {@code 1} where {@code a == b}, else {@code 0} (a float mask). */
    EQ,
    /** {@code 1} where {@code a > b}, else {@code 0} (a float mask). */
    GT;

    /** Applies the operation to two floats. */
    public float apply(float a, float b) {
        switch (this) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            case POW:
                return pow(a, b);
            case MAXIMUM:
                return Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case EQ:
                return a == b ? 1f : 0f;
            default:
                return a > b ? 1f : 0f;
        }
    }

    /** {@code a ** b} with exact squares and cubes, as PyTorch special-cases small integer powers. */
    private static float pow(float a, float b) {
        if (b == 2f) {
            return a * a;
        }
        if (b == 3f) {
            return a * a * a;
        }
        if (b == 1f) {
            return a;
        }
        if (b == 0.5f) {
            return (float) Math.sqrt(a);
        }
        return (float) Math.pow(a, b);
    }
}
