package org.llmfromscratch.backend.djl;

import ai.djl.ndarray.NDArray;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.Storage;

/**
 * Storage that owns one PyTorch tensor through a DJL {@link NDArray}. The array is contiguous (every
 * kernel makes sure of it, so that it can be read through one direct buffer) and its DJL shape is
 * irrelevant: the {@link org.llmfromscratch.api.Tensor} holds the shape.
 *
 * <p>Ownership: the array is attached to the backend's root {@code NDManager}, but only this storage
 * refers to it; {@link #release()} closes it, which frees the tensor in libtorch at once instead of
 * waiting for the manager (DJL's default) to be closed.
 */
final class DjlStorage implements Storage {
    private final NDArray array;
    private final DType dtype;
    private final long size;

    DjlStorage(NDArray array, DType dtype) {
        this.array = array;
        this.dtype = dtype;
        this.size = array.size();
    }

    /** The tensor, for kernels and interop; never closed by its users. */
    NDArray array() {
        return array;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void release() {
        array.close();
    }

    @Override
    public String toString() {
        return "DjlStorage[" + dtype + ", " + size + " elements, " + array.getDevice() + "]";
    }
}
