package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Tensor;

/**
 * The book's {@code GELU} module, the tanh approximation
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (PyTorch's {@code nn.GELU(approximate='tanh')}).
 */
public class GELU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.gelu();
    }

    @Override
    public String toString() {
        return "GELU()";
    }
}
