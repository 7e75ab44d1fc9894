package org.llmfromscratch.models.gpt;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GELU;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.api.nn.Sequential;

/** The book's {@code FeedForward}: {@code layers = Sequential(Linear(d, 4d), GELU(), Linear(4d, d))}. */
public class FeedForward extends Module {
    private final Sequential layers;

    /** Draws both linear layers from {@code generator}, in order. */
    public FeedForward(Backend backend, int embDim, Generator generator) {
        Linear up = new Linear(backend, embDim, 4 * embDim, true, generator);
        Linear down = new Linear(backend, 4 * embDim, embDim, true, generator);
        this.layers = registerModule("layers", new Sequential(up, new GELU(), down));
    }

    @Override
    public Tensor forward(Tensor x) {
        return layers.forward(x);
    }
}
