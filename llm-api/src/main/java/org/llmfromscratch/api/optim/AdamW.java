package org.llmfromscratch.api.optim;

import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.nn.Parameter;

/**
 * {@code torch.optim.AdamW}: Adam with decoupled weight decay, {@code p *= 1 - lr * weight_decay} before
 * the Adam update (defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01; the book uses 0.1).
 *
 * <pre>{@code
 * AdamW optimizer = new AdamW(model.namedParameters(), 0.0004, 0.1);   // AdamW(model.parameters(), lr=0.0004, weight_decay=0.1)
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 * }</pre>
 */
public class AdamW extends Adam {

    /** {@code AdamW(params, lr, weight_decay=weightDecay)}. */
    public AdamW(Map<String, Parameter> params, double lr, double weightDecay) {
        this(List.of(new ParamGroup(params, lr, weightDecay)), 0.9, 0.999, 1e-8);
    }

    /** AdamW over parameter groups with the given betas and eps. */
    public AdamW(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        super(groups, beta1, beta2, eps, true);
    }
}
