/**
 * The book's GPT (chapter 4): {@link org.llmfromscratch.models.gpt.FeedForward},
 * {@link org.llmfromscratch.models.gpt.TransformerBlock} and {@link org.llmfromscratch.models.gpt.GPTModel},
 * initialized in PyTorch's order so that {@code torch.manual_seed(123); GPTModel(cfg)} and
 * {@code new GPTModel(backend, cfg, new Generator(123))} hold the same weights.
 */
package org.llmfromscratch.models.gpt;
