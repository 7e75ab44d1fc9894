/**
 * GPT-2's published weights: {@link org.llmfromscratch.models.checkpoint.Gpt2Checkpoint} reads (and writes)
 * the Hugging Face {@code model.safetensors} layout of GPT-2 into a {@link org.llmfromscratch.models.gpt.GPTModel}.
 * Nothing is downloaded: the caller gives a file.
 */
package org.llmfromscratch.models.checkpoint;
