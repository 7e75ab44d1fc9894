package org.llmfromscratch.api;

/**
 * Stateless operations on tensors, like {@code torch.nn.functional}: the modules in
 * {@link org.llmfromscratch.api.nn} are thin owners of parameters around these.
 */
public final class Functional {
    private Functional() {
    }

    /** {@code F.embedding(ids, weight)}, i.e. {@code weight[ids]}: shape {@code ids.shape + [dim]}. */
    public static Tensor embedding(Tensor ids, Tensor weight) {
        return weight.gatherRows(ids);
    }

    /**
     * The GPT input embedding in one fused pass: {@code tokWeight[ids] + posWeight[arange(T)]}, for ids
     * {@code [B, T]} (or {@code [T]}, treated as a batch of one and returned as {@code [T, dim]}).
     *
     * @throws IllegalArgumentException when {@code T} exceeds the positional table's rows (the context
     *     length), for an id outside the token table, or when the two tables' widths differ
     */
    public static Tensor positionalEmbedding(Tensor ids, Tensor tokWeight, Tensor posWeight) {
        tokWeight.sameBackend("positionalEmbedding", ids);
        tokWeight.sameBackend("positionalEmbedding", posWeight);
        Tensor.requireFloat("positionalEmbedding", tokWeight);
        Tensor.requireFloat("positionalEmbedding", posWeight);
        if (tokWeight.dim() != 2 || posWeight.dim() != 2 || tokWeight.size(1) != posWeight.size(1)) {
            throw new IllegalArgumentException("token table " + tokWeight.shape() + " and positional table "
                    + posWeight.shape() + " must both be [rows, dim] with the same dim");
        }
        if (ids.dim() != 1 && ids.dim() != 2) {
            throw new IllegalArgumentException("ids must be [batch, seq] or [seq], got shape " + ids.shape());
        }
        int batch = ids.dim() == 2 ? ids.size(0) : 1;
        int seq = ids.size(-1);
        int context = posWeight.size(0);
        if (seq > context) {
            throw new IllegalArgumentException("sequence length " + seq + " is longer than the context length "
                    + context + " (the positional table has " + context + " rows); cut the input to at most "
                    + context + " tokens");
        }
        TokenIds.check(ids, tokWeight.size(0), "the token-embedding table");
        int dim = tokWeight.size(1);
        Shape out = ids.shape().append(dim);
        return ids.backend().wrap(out, ids.backend().kernels().embed(tokWeight.storage(), posWeight.storage(), dim,
                ids.storage(), batch, seq));
    }
}
