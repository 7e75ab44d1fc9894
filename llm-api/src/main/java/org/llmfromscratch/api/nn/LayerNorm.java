package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * The book's {@code LayerNorm(emb_dim)}: normalizes the last dimension with its mean and biased variance,
 * {@code (x - mean) / sqrt(var + eps)}, then {@code scale * x + shift}; parameters {@code scale} (ones)
 * and {@code shift} (zeros), {@code eps = 1e-5}. Initialization draws nothing from the generator.
 */
public class LayerNorm extends Module {
    private final Parameter scale;
    private final Parameter shift;
    private final double eps;

    /** {@code LayerNorm(embDim)} with eps 1e-5. */
    public LayerNorm(Backend backend, int embDim) {
        this(backend, embDim, 1e-5);
    }

    /** {@code LayerNorm(embDim)} with the given eps. */
    public LayerNorm(Backend backend, int embDim, double eps) {
        float[] ones = new float[embDim];
        java.util.Arrays.fill(ones, 1f);
        this.scale = registerParameter("scale", backend.adopt(Shape.of(embDim), ones), true);
        this.shift = registerParameter("shift", backend.adopt(Shape.of(embDim), new float[embDim]), true);
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() < 1 || x.size(-1) != scale.value().size(0)) {
            throw new IllegalArgumentException(
                    "LayerNorm(" + scale.value().size(0) + ") got an input of shape " + x.shape()
                            + ": its last dimension must be " + scale.value().size(0));
        }
        try (TensorScope scope = TensorScope.open()) { // frees the intermediates; the graph keeps what it needs
            Tensor mean = x.mean(-1, true);
            Tensor centered = x.sub(mean);
            Tensor var = centered.pow(2).mean(-1, true);
            Tensor norm = centered.div(var.add(eps).sqrt());
            return scope.keep(norm.mul(scale.value()).add(shift.value()));
        }
    }

    /** The {@code scale} parameter (gamma). */
    public Parameter scale() {
        return scale;
    }

    /** The {@code shift} parameter (beta). */
    public Parameter shift() {
        return shift;
    }
}
