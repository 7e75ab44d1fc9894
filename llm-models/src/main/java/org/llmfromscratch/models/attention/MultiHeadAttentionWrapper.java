package org.llmfromscratch.models.attention;

import java.util.ArrayList;
import java.util.List;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.api.nn.ModuleList;

/**
 * The book's {@code MultiHeadAttentionWrapper}: {@code num_heads} independent {@link CausalAttention}
 * heads (a {@code ModuleList} named {@code heads}) whose outputs are concatenated along the last
 * dimension: {@code [B, T, num_heads * d_out]}.
 */
public class MultiHeadAttentionWrapper extends Module {
    private final ModuleList<CausalAttention> heads = new ModuleList<>();

    /** Creates the heads in order, each drawing its weights from {@code generator}. */
    public MultiHeadAttentionWrapper(
            Backend backend,
            int dIn,
            int dOut,
            int contextLength,
            double dropout,
            int numHeads,
            boolean qkvBias,
            Generator generator) {
        if (numHeads < 1) {
            throw new IllegalArgumentException("numHeads must be >= 1, got " + numHeads);
        }
        registerModule("heads", heads);
        for (int i = 0; i < numHeads; i++) {
            heads.add(new CausalAttention(backend, dIn, dOut, contextLength, dropout, qkvBias, generator));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        List<Tensor> outs = new ArrayList<>();
        for (CausalAttention head : heads.modules()) {
            outs.add(head.forward(x));
        }
        return Tensor.cat(outs, -1);
    }
}
