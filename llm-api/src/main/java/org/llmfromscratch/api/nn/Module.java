package org.llmfromscratch.api.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.io.SafeTensors;

/**
 * A layer with named parameters and sub-modules, like {@code torch.nn.Module}.
 *
 * <p>Subclasses register parameters and children in their constructor; names nest with dots exactly as
 * in PyTorch ({@code tok_emb.weight}), so state dicts map one to one. A module owns its parameters:
 * {@link #close()} frees them (and its children's).
 *
 * <p>Modules are safe to call from several threads at once for {@link #forward}, as long as nobody
 * changes parameters meanwhile.
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The forward pass, {@code module(input)} in PyTorch. */
    public abstract Tensor forward(Tensor input);

    /**
     * Registers {@code value} as parameter {@code name}; the module takes ownership (the tensor leaves
     * any {@link org.llmfromscratch.api.TensorScope}).
     */
    protected final Parameter registerParameter(String name, Tensor value, boolean requiresGrad) {
        checkName(name);
        Parameter p = new Parameter(value, requiresGrad);
        TensorScope.detach(value);
        parameters.put(name, p);
        return p;
    }

    /** Registers {@code child} under {@code name}; its parameters appear as {@code name.param}. */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(
                    "invalid or duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
    }

    /** Every parameter under its dotted name, in registration order ({@code named_parameters()}). */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    /** The parameters in order ({@code parameters()}). */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct sub-modules by name ({@code named_children()}). */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of parameter elements, {@code sum(p.numel() for p in model.parameters())}. */
    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(Parameter::numel).sum();
    }

    /** {@code model.zero_grad()}: frees every parameter's gradient (PyTorch 2's {@code set_to_none=True}). */
    public void zeroGrad() {
        namedParameters().values().forEach(Parameter::zeroGrad);
    }

    /** Sets training mode on this module and its children ({@code model.train(mode)}). */
    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    /** Training mode, {@code model.train()}. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode, {@code model.eval()}. */
    public Module eval() {
        return train(false);
    }

    /** True in training mode (the default, as in PyTorch). */
    public boolean isTraining() {
        return training;
    }

    /**
     * The parameter values by dotted name ({@code state_dict()}). Like PyTorch's, the tensors are the
     * live parameter values, owned by the module: read them, do not close them.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value()));
        return out;
    }

    /**
     * Copies values into the parameters ({@code load_state_dict(state, strict=True)}): every parameter
     * must be present with its shape and dtype, and no unknown key may appear. Tensors may come from any
     * backend; they are copied onto each parameter's backend. The caller keeps ownership of {@code state}.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> own = namedParameters();
        List<String> missing = new ArrayList<>(own.keySet());
        missing.removeAll(state.keySet());
        List<String> unexpected = new ArrayList<>(state.keySet());
        unexpected.removeAll(own.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("state dict does not match "
                    + getClass().getSimpleName() + ": missing keys " + missing + ", unexpected keys " + unexpected);
        }
        own.forEach((name, p) -> {
            Tensor src = state.get(name);
            if (!src.shape().equals(p.value().shape())
                    || src.dtype() != p.value().dtype()) {
                throw new IllegalArgumentException("size mismatch for " + name + ": the checkpoint has "
                        + src.shape() + " " + src.dtype() + ", the module has "
                        + p.value().shape() + " "
                        + p.value().dtype());
            }
        });
        own.forEach((name, p) -> p.set(state.get(name).to(p.value().backend())));
    }

    /** Saves the state dict as a safetensors file (the weights format of the Hugging Face ecosystem). */
    public void save(Path file) throws IOException {
        SafeTensors.write(
                file, stateDict(), Map.of("format", "pt", "module", getClass().getSimpleName()));
    }

    /** Loads a safetensors file written by {@link #save} (or by PyTorch's safetensors) into this module. */
    public void load(Path file) throws IOException {
        if (namedParameters().isEmpty()) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no parameters to load from " + file);
        }
        Backend backend = namedParameters().values().iterator().next().value().backend();
        Map<String, Tensor> state = SafeTensors.read(file, backend);
        try {
            loadStateDict(state);
        } finally {
            state.values().forEach(Tensor::close);
        }
    }

    /** Frees every parameter of this module and its children. */
    @Override
    public void close() {
        parameters.values().forEach(Parameter::close);
        children.values().forEach(Module::close);
    }
}
