package org.llmfromscratch.api.optim;

import java.util.Collection;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Parameter;

/** {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClipping {
    private GradClipping() {}

    /**
     * Scales every gradient in place by {@code min(1, maxNorm / (totalNorm + 1e-6))}, where
     * {@code totalNorm} is the L2 norm of all gradients together; returns {@code totalNorm}. Parameters
     * without a gradient are skipped.
     */
    public static double clipGradNorm(Collection<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        double sumSq = 0;
        for (Parameter p : params) {
            Tensor g = p.grad();
            if (g != null) {
                try (Tensor n = g.norm()) {
                    double v = n.item();
                    sumSq += v * v;
                }
            }
        }
        double total = Math.sqrt(sumSq);
        double coef = Math.min(1.0, maxNorm / (total + 1e-6));
        if (coef < 1.0) {
            try (NoGrad off = NoGrad.enter()) {
                for (Parameter p : params) {
                    Tensor g = p.grad();
                    if (g != null) {
                        g.assign(g.mul(coef));
                    }
                }
            }
        }
        return total;
    }
}
