/**
 * From text to training batches, as chapter 2 of "Build a Large Language Model (From Scratch)" does
 * with tiktoken and {@code create_dataloader_v1}: a GPT-2 {@link org.llmfromscratch.data.Tokenizer}
 * giving tiktoken's ids, a {@link org.llmfromscratch.data.CorpusEncoder} for files of gigabytes (both
 * cores, a progress bar, a memory-mapped token cache), compact {@link org.llmfromscratch.data.TokenSequence}s,
 * the {@link org.llmfromscratch.data.SlidingWindowDataset} and the {@link org.llmfromscratch.data.DataLoader}
 * that turns its windows into {@code [B, T]} INT32 tensors on any backend.
 */
package org.llmfromscratch.data;
