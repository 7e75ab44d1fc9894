package org.llmfromscratch.api.spi;

/** The element-wise operations a backend's broadcast kernel implements. */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB;

    /** Applies the operation to two floats: the reference semantics every backend must match. */
    public float apply(float a, float b) {
        return this == ADD ? a + b : a - b;
    }
}
