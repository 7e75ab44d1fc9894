package org.llmfromscratch.api.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.llmfromscratch.api.nn.Parameter;

/**
 * One entry of {@code optimizer.param_groups}: named parameters with their own learning rate and weight
 * decay (a scheduler changes {@link #lr(double)} between steps).
 */
public final class ParamGroup {
    private final Map<String, Parameter> params;
    private double lr;
    private double weightDecay;

    /** A group of {@code params} (by name, e.g. {@code model.namedParameters()}) with its own hyper-parameters. */
    public ParamGroup(Map<String, Parameter> params, double lr, double weightDecay) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        lr(lr);
        weightDecay(weightDecay);
    }

    /** The parameters by name. */
    public Map<String, Parameter> params() {
        return params;
    }

    /** {@code group['lr']}. */
    public double lr() {
        return lr;
    }

    /** Sets the learning rate (a scheduler's job); must be >= 0. */
    public void lr(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr + " (must be >= 0)");
        }
        this.lr = lr;
    }

    /** {@code group['weight_decay']}. */
    public double weightDecay() {
        return weightDecay;
    }

    /** Sets the weight decay; must be >= 0. */
    public void weightDecay(double weightDecay) {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay + " (must be >= 0)");
        }
        this.weightDecay = weightDecay;
    }
}
