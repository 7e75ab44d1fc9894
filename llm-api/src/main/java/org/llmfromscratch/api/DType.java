package org.llmfromscratch.api;

/**
 * The element type of a {@link Tensor}, the subset of {@code torch.dtype} that the embedding layer needs.
 *
 * <p>{@link #FLOAT32} holds weights and activations ({@code torch.float32}, PyTorch's default).
 * {@link #INT32} and {@link #INT64} hold token ids ({@code torch.int32} / {@code torch.long}); as in
 * PyTorch, {@link Backend#arange(long)} gives {@code INT64}.
 */
public enum DType {
    /** 32-bit IEEE float, {@code torch.float32}. */
    FLOAT32(4, "float32"),
    /** 32-bit signed integer, {@code torch.int32}. */
    INT32(4, "int32"),
    /** 64-bit signed integer, {@code torch.int64} (a.k.a. {@code torch.long}). */
    INT64(8, "int64");

    private final int byteSize;
    private final String torchName;

    DType(int byteSize, String torchName) {
        this.byteSize = byteSize;
        this.torchName = torchName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for the integer types that may hold token ids. */
    public boolean isInteger() {
        return this != FLOAT32;
    }

    /** The name PyTorch prints, e.g. {@code torch.int32}. */
    public String torchName() {
        return "torch." + torchName;
    }
}
