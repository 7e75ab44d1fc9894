/**
 * The ND4J backend: tensors live in off-heap ND4J {@code INDArray}s and compute in libnd4j's native
 * kernels (CPU, OpenBLAS). Registered as {@code nd4j} through {@code META-INF/services}; the
 * availability probe reports a missing or unloadable native library instead of failing discovery.
 */
package org.llmfromscratch.backend.nd4j;
