package org.llmfromscratch.api.spi;

/**
 * The element-wise unary operations of {@link Kernels#unary}; {@link #apply} is the reference semantics
 * every backend must match. The last two exist for backward passes: {@link #STEP} is ReLU's derivative
 * and {@link #GELU_GRAD} GELU's.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code |x|}. */
    ABS,
    /** {@code sign(x)}: -1, 0 or 1 (the derivative of abs, as PyTorch's). */
    SIGN,
    /** {@code e^x}. */
    EXP,
    /** {@code ln x}. */
    LOG,
    /** {@code sqrt x}. */
    SQRT,
    /** {@code tanh x}. */
    TANH,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code 1} where {@code x > 0}, else {@code 0}. */
    STEP,
    /** GELU with the tanh approximation, as the book's {@code GELU} module: see {@link #gelu}. */
    GELU,
    /** The derivative of {@link #GELU}. */
    GELU_GRAD;

    /** {@code sqrt(2 / pi)} as the book computes it: {@code torch.sqrt(torch.tensor(2.0 / torch.pi))}, float32. */
    public static final float GELU_C = (float) Math.sqrt((float) (2.0 / Math.PI));

    /** Applies the operation to one float. */
    public float apply(float x) {
        switch (this) {
            case NEG:
                return -x;
            case ABS:
                return Math.abs(x);
            case SIGN:
                return Math.signum(x);
            case EXP:
                return (float) Math.exp(x);
            case LOG:
                return (float) Math.log(x);
            case SQRT:
                return (float) Math.sqrt(x);
            case TANH:
                return (float) Math.tanh(x);
            case RELU:
                return x > 0 ? x : (Float.isNaN(x) ? x : 0f);
            case STEP:
                return x > 0 ? 1f : 0f;
            case GELU:
                return gelu(x);
            default:
                return geluGrad(x);
        }
    }

    /**
     * {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}, in float32 in the book's order
     * of operations, so results match PyTorch's to the last bit or two.
     */
    public static float gelu(float x) {
        float inner = x + 0.044715f * (x * x * x);
        float t = tanh(GELU_C * inner);
        return 0.5f * x * (1f + t);
    }

    /**
     * {@code tanh} for GELU as {@code 1 - 2 / (e^(2x) + 1)} in double, rounded to float: within an ulp of
     * {@code Math.tanh}, and several times faster on JDK 17, where {@code Math.exp} is an intrinsic and
     * {@code Math.tanh} is not (GELU runs over every hidden unit of every block).
     */
    public static float tanh(float x) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
    }

    /** {@code d gelu / dx = 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 * 0.044715 x^2)}. */
    public static float geluGrad(float x) {
        float inner = x + 0.044715f * (x * x * x);
        float t = tanh(GELU_C * inner);
        return 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * GELU_C * (1f + 3f * 0.044715f * x * x);
    }
}
