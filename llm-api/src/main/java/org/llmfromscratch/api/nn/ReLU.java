package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Tensor;

/** {@code nn.ReLU()}: {@code max(x, 0)} element-wise. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
