/**
 * Self-attention as chapter 3 builds it, step by step: {@link org.llmfromscratch.models.attention.SelfAttentionV1}
 * (weight matrices from {@code torch.rand}), {@link org.llmfromscratch.models.attention.SelfAttentionV2}
 * ({@code nn.Linear} projections), {@link org.llmfromscratch.models.attention.CausalAttention} (mask and dropout),
 * {@link org.llmfromscratch.models.attention.MultiHeadAttentionWrapper} (stacked heads) and
 * {@link org.llmfromscratch.models.attention.MultiHeadAttention} (one projection split into heads), with
 * PyTorch's parameter names, so that the same seed gives the book's numbers.
 */
package org.llmfromscratch.models.attention;
