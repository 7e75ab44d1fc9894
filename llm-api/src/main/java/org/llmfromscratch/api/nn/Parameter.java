package org.llmfromscratch.api.nn;

import java.util.Objects;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * A learnable tensor owned by a {@link Module}, like {@code torch.nn.Parameter}: it holds the current
 * value and whether training should update it ({@code requires_grad}). The value can be replaced
 * ({@link #set}), which is how {@link Module#loadStateDict} and, later, optimizers update weights;
 * the replaced tensor is closed.
 *
 * <p>The value is a leaf tensor that {@link Tensor#requiresGrad() requires grad} unless frozen: after
 * {@code loss.backward()} its gradient is {@link #grad()}. Optimizers update the value in place (the
 * tensor object stays the same, so graphs that saved it notice the change and refuse to run backward).
 */
public final class Parameter implements AutoCloseable {
    private Tensor value;
    private boolean requiresGrad;

    Parameter(Tensor value, boolean requiresGrad) {
        this.value = Objects.requireNonNull(value, "value");
        this.requiresGrad = requiresGrad;
        value.requiresGrad(requiresGrad);
    }

    /** The current value ({@code param.data}); owned by the parameter: do not close it. */
    public Tensor value() {
        return value;
    }

    /** Whether training updates this parameter ({@code requires_grad}); false when frozen. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Sets {@code requires_grad}; {@code false} freezes it, as {@code from_pretrained(freeze=True)} does. */
    public Parameter requiresGrad(boolean requiresGrad) {
        this.requiresGrad = requiresGrad;
        value.requiresGrad(requiresGrad);
        return this;
    }

    /** The accumulated gradient ({@code param.grad}), or null; owned by the parameter. */
    public Tensor grad() {
        return value.grad();
    }

    /** {@code param.grad = None}. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /**
     * Replaces the value's memory with {@code newValue}'s (same shape and dtype; {@code param.data = newValue})
     * and closes {@code newValue}; the parameter's tensor object, gradient and {@code requires_grad} stay.
     */
    public synchronized void set(Tensor newValue) {
        if (newValue.isClosed()) {
            throw new IllegalArgumentException(
                    "cannot set a parameter to a closed tensor (shape " + newValue.shape() + ")");
        }
        if (!newValue.shape().equals(value.shape()) || newValue.dtype() != value.dtype()) {
            throw new IllegalArgumentException("cannot set a parameter of shape " + value.shape() + " " + value.dtype()
                    + " to a tensor of shape " + newValue.shape() + " " + newValue.dtype());
        }
        if (newValue.backend() != value.backend()) {
            throw new IllegalArgumentException(
                    "cannot set a parameter on backend '" + value.backend().name() + "' to a tensor on backend '"
                            + newValue.backend().name() + "'; use tensor.to(backend)");
        }
        if (newValue != value) {
            TensorScope.detach(newValue);
            value.assign(newValue);
        }
    }

    /** Number of elements. */
    public long numel() {
        return value.numel();
    }

    @Override
    public void close() {
        value.close();
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + value + (requiresGrad ? "" : " (frozen)");
    }
}
