package org.llmfromscratch.api.optim;

import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Parameter;

/**
 * {@code torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)}, PyTorch 1.13's update:
 * {@code d = g + wd * p}; with momentum, {@code buf = d} on the first step, then
 * {@code buf = momentum * buf + (1 - dampening) * d}; {@code d = nesterov ? d + momentum * buf : buf};
 * {@code p -= lr * d}. Buffer per parameter: {@code momentum_buffer}.
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    /** Plain SGD, {@code SGD(params, lr)}. */
    public SGD(Map<String, Parameter> params, double lr) {
        this(List.of(new ParamGroup(params, lr, 0)), 0, 0, false);
    }

    /** SGD over parameter groups with momentum, dampening and Nesterov momentum. */
    public SGD(List<ParamGroup> groups, double momentum, double dampening, boolean nesterov) {
        super(groups);
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("Invalid momentum value: " + momentum + " (must be >= 0)");
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(ParamGroup group, String name, Parameter p, Tensor grad, Map<String, Tensor> buffers) {
        try (NoGrad off = NoGrad.enter();
                TensorScope scope = TensorScope.open()) {
            Tensor value = p.value();
            Tensor d = group.weightDecay() == 0 ? grad : grad.add(value.mul(group.weightDecay()));
            if (momentum != 0) {
                Tensor buf = buffers.get("momentum_buffer");
                // A copy, never a view of the gradient: gradients are accumulated in place later.
                Tensor next =
                        scope.keep(buf == null ? d.mul(1.0) : buf.mul(momentum).add(d.mul(1 - dampening)));
                TensorScope.detach(next);
                if (buf != null) {
                    buf.close();
                }
                buffers.put("momentum_buffer", next);
                d = nesterov ? d.add(next.mul(momentum)) : next;
            }
            p.set(scope.keep(value.sub(d.mul(group.lr()))));
        }
    }
}
