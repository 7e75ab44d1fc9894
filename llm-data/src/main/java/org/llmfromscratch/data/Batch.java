package org.llmfromscratch.data;

import org.llmfromscratch.api.Tensor;

/**
 * One batch from a {@link DataLoader}: {@code input} and {@code target}, INT32 tensors
 * {@code [B, maxLength]} on the loader's backend, as the tutorial's {@code inputs, targets = batch}.
 * The batch owns both tensors (unless they were created inside a
 * {@link org.llmfromscratch.api.TensorScope}, which then owns them); close it when done.
 *
 * @param input the input ids
 * @param target the target ids, each row the input row shifted by one id
 * @param index the batch's position in its epoch, from 0
 * @param epoch the epoch it belongs to, from 0
 */
public record Batch(Tensor input, Tensor target, int index, int epoch) implements AutoCloseable {
    /** Number of rows, B (the last batch may be smaller when dropLast is off). */
    public int size() {
        return input.size(0);
    }

    /** Closes both tensors. */
    @Override
    public void close() {
        input.close();
        target.close();
    }
}
