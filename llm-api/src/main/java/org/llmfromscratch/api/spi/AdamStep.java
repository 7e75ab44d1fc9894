package org.llmfromscratch.api.spi;

/**
 * The scalars of one Adam or AdamW update of one parameter, as {@code torch.optim} computes them in
 * double and rounds where they meet a float tensor (see {@link Kernels#adamStep}).
 *
 * @param decayFactor {@code 1 - lr * weightDecay} for AdamW (decoupled decay), else 1
 * @param l2 Adam's {@code weightDecay} added to the gradient as {@code g + l2 * p}, else 0
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param stepSize {@code lr / (1 - beta1^t)}
 * @param biasCorrection2Sqrt {@code sqrt(1 - beta2^t)}
 * @param eps added to the denominator
 */
public record AdamStep(
        double decayFactor,
        double l2,
        double beta1,
        double beta2,
        double stepSize,
        double biasCorrection2Sqrt,
        double eps) {}
