/**
 * Text generation as the book's {@code generate}: greedy, temperature, top-k and top-p sampling with PyTorch's
 * {@code torch.multinomial} from the same generator, an end-of-text id that stops, a key-value cache, and
 * tokens streamed to a callback as they are made.
 */
package org.llmfromscratch.models.generate;
