package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;

/**
 * {@code nn.Dropout(p)}: in training mode zeroes each element with probability {@code p} and scales the
 * rest by {@code 1 / (1 - p)}, with PyTorch's Bernoulli masks drawn from {@code generator} (pass the
 * generator the model was initialized from to follow {@code torch.manual_seed}'s single stream); in
 * evaluation mode the input flows through unchanged.
 */
public class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /** {@code nn.Dropout(p)}; {@code p} must be in {@code [0, 1)}. */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability has to be in [0, 1), but got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), generator);
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
