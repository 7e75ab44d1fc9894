/**
 * The {@code djl} backend: PyTorch's kernels through the Deep Java Library (DJL 0.36.0, PyTorch
 * 2.7.1), offline, and {@link org.llmfromscratch.backend.djl.DjlTensors} to move tensors between this
 * API and DJL {@code NDArray}s. Each tensor's storage owns one PyTorch tensor and frees it when the
 * tensor is closed; kernels free their intermediates through a per-call DJL sub-manager.
 */
package org.llmfromscratch.backend.djl;
