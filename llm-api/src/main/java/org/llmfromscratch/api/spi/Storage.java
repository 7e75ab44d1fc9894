package org.llmfromscratch.api.spi;

import org.llmfromscratch.api.DType;

/**
 * The memory behind a {@link org.llmfromscratch.api.Tensor}, owned by one backend: a Java array, an
 * off-heap buffer, an OpenCL buffer or a native tensor. Elements are contiguous in row-major order;
 * the shape lives in the Tensor, so reshaping never touches storage.
 *
 * <p>Backend authors implement this. The API calls {@link #release()} exactly once, when the last
 * tensor using this storage is closed.
 */
public interface Storage {
    /** Element type of the data. */
    DType dtype();

    /** Number of elements. */
    long size();

    /** Frees native or device memory. Called once; heap-only storage may do nothing. */
    void release();
}
