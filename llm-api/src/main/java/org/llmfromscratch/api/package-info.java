/**
 * The user-facing API: {@link org.llmfromscratch.api.Tensor}, {@link org.llmfromscratch.api.Backend}
 * and its discovery ({@link org.llmfromscratch.api.Backends}), the ownership rule
 * ({@link org.llmfromscratch.api.TensorScope}), PyTorch-compatible random initialization
 * ({@link org.llmfromscratch.api.Generator}) and stateless operations
 * ({@link org.llmfromscratch.api.Functional}). Depends on nothing but the JDK.
 */
package org.llmfromscratch.api;
