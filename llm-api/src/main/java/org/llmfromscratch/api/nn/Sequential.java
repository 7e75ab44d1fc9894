package org.llmfromscratch.api.nn;

import java.util.ArrayList;
import java.util.List;
import org.llmfromscratch.api.Tensor;

/** {@code nn.Sequential(m0, m1, ...)}: children named {@code 0}, {@code 1}, ... applied in order. */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** The modules in order; this container owns them. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            layers.add(registerModule(Integer.toString(layers.size()), m));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        try (org.llmfromscratch.api.TensorScope scope = org.llmfromscratch.api.TensorScope.open()) {
            Tensor h = x;
            for (Module m : layers) {
                h = m.forward(h);
            }
            return h == x ? h : scope.keep(h);
        }
    }

    /** Layer {@code i} ({@code seq[i]}). */
    public Module get(int i) {
        return layers.get(i);
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }
}
