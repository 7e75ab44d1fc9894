package org.llmfromscratch.train;

import java.util.Iterator;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;

/** The book's {@code calc_loss_batch} and {@code calc_loss_loader}, and perplexity. */
public final class LossCalculator {
    private LossCalculator() {}

    /** Cross-entropy of the model's logits {@code [B, T, V]} against targets {@code [B, T]}, flattened (a 0-d tensor). */
    public static Tensor batchLoss(Module model, Tensor input, Tensor target) {
        Tensor logits = model.forward(input);
        return Functional.crossEntropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1));
    }

    /**
     * The mean of the first {@code numBatches} batch losses of a new pass over {@code loader} (all batches
     * when {@code numBatches} is 0 or more than there are), without gradients. Iterating the loader draws
     * from its generator exactly as PyTorch's does. NaN for an empty loader, as the book.
     */
    public static double loaderLoss(Module model, DataLoader loader, int numBatches) {
        int n = numBatches <= 0 ? loader.numBatches() : Math.min(numBatches, loader.numBatches());
        if (n == 0) {
            return Double.NaN;
        }
        double total = 0;
        Iterator<Batch> it = loader.iterator();
        try (NoGrad off = NoGrad.enter()) {
            for (int i = 0; i < n; i++) {
                try (Batch b = it.next();
                        TensorScope scope = TensorScope.open()) {
                    total += batchLoss(model, b.input(), b.target()).item();
                }
            }
        }
        return total / n;
    }

    /** {@code exp(loss)}: how many tokens the model is as unsure between as a uniform choice. */
    public static double perplexity(double loss) {
        return Math.exp(loss);
    }
}
