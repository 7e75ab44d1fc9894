/**
 * Layers with parameters, like {@code torch.nn}: {@link org.llmfromscratch.api.nn.Module},
 * {@link org.llmfromscratch.api.nn.Embedding}, {@link org.llmfromscratch.api.nn.GPTEmbedding} and the
 * model configuration {@link org.llmfromscratch.api.nn.GPTConfig}.
 */
package org.llmfromscratch.api.nn;
