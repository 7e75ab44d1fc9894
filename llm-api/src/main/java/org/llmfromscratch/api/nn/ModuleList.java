package org.llmfromscratch.api.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.llmfromscratch.api.Tensor;

/**
 * {@code nn.ModuleList}: holds sub-modules named {@code 0}, {@code 1}, ... so their parameters are
 * registered, without a forward of its own (the owner decides how to call them).
 */
public class ModuleList<M extends Module> extends Module {
    private final List<M> items = new ArrayList<>();

    /** An empty list. */
    public ModuleList() {}

    /** A list of {@code modules}, owned by this container. */
    public ModuleList(List<M> modules) {
        modules.forEach(this::add);
    }

    /** Appends {@code module} ({@code append}). */
    public ModuleList<M> add(M module) {
        items.add(registerModule(Integer.toString(items.size()), module));
        return this;
    }

    /** Module {@code i}. */
    public M get(int i) {
        return items.get(i);
    }

    /** Number of modules. */
    public int size() {
        return items.size();
    }

    /** The modules in order (unmodifiable). */
    public List<M> modules() {
        return Collections.unmodifiableList(items);
    }

    /** A ModuleList has no forward, as in PyTorch: call its modules. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(
                "ModuleList has no forward(); call its modules, e.g. list.get(i).forward(x)");
    }
}
