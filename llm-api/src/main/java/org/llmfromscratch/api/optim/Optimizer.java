package org.llmfromscratch.api.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Parameter;

/**
 * The base of the optimizers, {@code torch.optim.Optimizer}: parameter groups, {@link #zeroGrad()},
 * {@link #step()}, and per-parameter state (moment buffers) that the optimizer owns and frees in
 * {@link #close()}. Its {@link #stateDict()} uses keys {@code optimizer.<param name>.<buffer>}, so it can
 * be saved in the same safetensors file as the module's state dict and loaded back to resume a run.
 *
 * <p>Every parameter must require grad and be open: a frozen or closed parameter is refused when the
 * optimizer is made, naming it. A parameter whose gradient is null at {@link #step()} is skipped, as in
 * PyTorch.
 */
public abstract class Optimizer implements AutoCloseable {
    private final List<ParamGroup> groups;
    private final Map<String, Map<String, Tensor>> state = new HashMap<>();

    protected Optimizer(List<ParamGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Map<String, Parameter> seen = new HashMap<>();
        for (ParamGroup g : groups) {
            g.params().forEach((name, p) -> {
                if (p.value().isClosed()) {
                    throw new IllegalArgumentException(
                            "parameter '" + name + "' is closed; an optimizer needs open parameters");
                }
                if (!p.requiresGrad()) {
                    throw new IllegalArgumentException("parameter '" + name
                            + "' is frozen (requires_grad=false); leave it" + " out of the optimizer's parameters");
                }
                if (seen.put(name, p) != null) {
                    throw new IllegalArgumentException("parameter '" + name + "' appears in more than one group");
                }
            });
        }
        this.groups = List.copyOf(groups);
    }

    /** {@code optimizer.param_groups}. */
    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** {@code optimizer.zero_grad()}: frees every parameter's gradient ({@code set_to_none=True}). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code optimizer.zero_grad(set_to_none)}: free the gradients, or fill them with zeros in place. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : groups) {
            g.params().values().forEach(p -> p.value().zeroGrad(setToNone));
        }
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        for (ParamGroup g : groups) {
            g.params().forEach((name, p) -> {
                if (p.value().isClosed()) {
                    throw new IllegalStateException("parameter '" + name + "' was closed; cannot update it");
                }
                Tensor grad = p.grad();
                if (grad != null) {
                    update(g, name, p, grad, state.computeIfAbsent(name, k -> new LinkedHashMap<>()));
                }
            });
        }
    }

    /** Updates one parameter in place; {@code buffers} is its state, which the subclass fills. */
    protected abstract void update(
            ParamGroup group, String name, Parameter p, Tensor grad, Map<String, Tensor> buffers);

    /** The state as tensors by key {@code optimizer.<param>.<buffer>}, owned by the optimizer (read, don't close). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParamGroup g : groups) {
            for (String name : g.params().keySet()) {
                Map<String, Tensor> b = state.get(name);
                if (b != null) {
                    b.forEach((k, t) -> out.put("optimizer." + name + "." + k, t));
                }
            }
        }
        return out;
    }

    /**
     * Loads state saved by {@link #stateDict()} (keys starting {@code optimizer.}; others are ignored, so a
     * whole checkpoint can be passed). Tensors are copied onto each parameter's backend; the caller keeps
     * ownership of {@code saved}.
     *
     * @throws IllegalArgumentException for a key naming an unknown parameter or a buffer of the wrong shape
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        Map<String, Parameter> all = new LinkedHashMap<>();
        groups.forEach(g -> all.putAll(g.params()));
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("optimizer.")) {
                continue;
            }
            String rest = key.substring("optimizer.".length());
            int dot = rest.lastIndexOf('.');
            String param = dot < 0 ? rest : rest.substring(0, dot);
            String buffer = dot < 0 ? "" : rest.substring(dot + 1);
            Parameter p = all.get(param);
            if (p == null || buffer.isEmpty()) {
                throw new IllegalArgumentException(
                        "optimizer state key '" + key + "' names no parameter of this optimizer");
            }
            Tensor t = e.getValue();
            boolean scalar = t.numel() == 1 && !isTensorBuffer(buffer);
            if (!scalar && !t.shape().equals(p.value().shape())) {
                throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + t.shape()
                        + ", the parameter has " + p.value().shape());
            }
            Map<String, Tensor> b = state.computeIfAbsent(param, k -> new LinkedHashMap<>());
            Tensor old = b.put(buffer, detachedCopy(t, p));
            if (old != null) {
                old.close();
            }
        }
    }

    /** Names of buffers that have the parameter's shape (others, such as {@code step}, are scalars). */
    protected boolean isTensorBuffer(String buffer) {
        return !buffer.equals("step");
    }

    private static Tensor detachedCopy(Tensor t, Parameter p) {
        Tensor copy = t.to(p.value().backend());
        org.llmfromscratch.api.TensorScope.detach(copy);
        return copy;
    }

    /** Frees the optimizer's state buffers. */
    @Override
    public void close() {
        List<Tensor> all = new ArrayList<>();
        state.values().forEach(b -> all.addAll(b.values()));
        all.forEach(Tensor::close);
        state.clear();
    }
}
