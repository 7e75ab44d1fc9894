package org.llmfromscratch.api.optim;

import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Parameter;
import org.llmfromscratch.api.spi.AdamStep;

/**
 * {@code torch.optim.Adam} (L2 weight decay added to the gradient), and the base of {@link AdamW}. The
 * update is PyTorch 1.13's single-tensor path, in float32 in its order, with the bias corrections and
 * step size computed in double (see {@link org.llmfromscratch.api.spi.Kernels#adamStep}); the backend
 * runs it as one fused kernel where it has one. Buffers per parameter: {@code exp_avg},
 * {@code exp_avg_sq} and {@code step}.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    /** {@code Adam(params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay)}. */
    public Adam(Map<String, Parameter> params, double lr, double weightDecay) {
        this(List.of(new ParamGroup(params, lr, weightDecay)), 0.9, 0.999, 1e-8);
    }

    /** Adam over parameter groups with the given betas and eps. */
    public Adam(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        this(groups, beta1, beta2, eps, false);
    }

    Adam(List<ParamGroup> groups, double beta1, double beta2, double eps, boolean decoupled) {
        super(groups);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "Invalid beta parameters: (" + beta1 + ", " + beta2 + "); each must be in [0, 1)");
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + eps + " (must be >= 0)");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
    }

    @Override
    protected void update(ParamGroup group, String name, Parameter p, Tensor grad, Map<String, Tensor> buffers) {
        Tensor value = p.value();
        Tensor m = buffers.computeIfAbsent("exp_avg", k -> zerosLike(value));
        Tensor v = buffers.computeIfAbsent("exp_avg_sq", k -> zerosLike(value));
        Tensor stepCount = buffers.get("step");
        double t = (stepCount == null ? 0 : stepCount.item()) + 1;
        if (stepCount != null) {
            stepCount.close();
        }
        Tensor nextStep = value.backend().scalar((float) t);
        TensorScope.detach(nextStep);
        buffers.put("step", nextStep);
        double lr = group.lr();
        double wd = group.weightDecay();
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        AdamStep s = new AdamStep(
                decoupled ? 1 - lr * wd : 1.0, decoupled ? 0.0 : wd, beta1, beta2, lr / bc1, Math.sqrt(bc2), eps);
        value.backend().kernels().adamStep(value.storage(), grad.storage(), m.storage(), v.storage(), s);
        value.markModifiedInPlace();
    }

    private static Tensor zerosLike(Tensor t) {
        Tensor z = t.backend().zeros(DType.FLOAT32, t.shape().toArray());
        TensorScope.detach(z);
        return z;
    }
}
