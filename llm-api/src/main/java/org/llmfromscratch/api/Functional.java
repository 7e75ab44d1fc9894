package org.llmfromscratch.api;

/**
 * Stateless operations on tensors, like {@code torch.nn.functional}: the modules in
 * {@link org.llmfromscratch.api.nn} are thin owners of parameters around these.
 */
public final class Functional {
    private Functional() {}

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
    public static Tensor inputEmbedding(Tensor ids, Tensor tokWeight, Tensor posWeight) {
        tokWeight.sameBackend("inputEmbedding", ids);
        tokWeight.sameBackend("inputEmbedding", posWeight);
        Tensor.requireFloat("inputEmbedding", tokWeight);
        Tensor.requireFloat("inputEmbedding", posWeight);
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
        return Gathers.positional(ids, tokWeight, posWeight, batch, seq);
    }

    /**
     * {@code F.embedding(ids, weight, padding_idx, scale_grad_by_freq=...)}: the lookup, whose gradient
     * skips the padding row and, with {@code scaleGradByFreq}, divides each row's gradient by how often its
     * id occurs in {@code ids}.
     */
    public static Tensor embedding(Tensor ids, Tensor weight, Integer paddingIdx, boolean scaleGradByFreq) {
        weight.sameBackend("embedding", ids);
        Tensor.requireFloat("embedding", weight);
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding needs a 2-D table [rows, dim], got shape " + weight.shape());
        }
        TokenIds.check(ids, weight.size(0), "the embedding table");
        return Gathers.embedding(weight, ids, paddingIdx, scaleGradByFreq);
    }

    /** {@code F.linear(x, weight, bias)} = {@code x @ weight.T + bias}; weight {@code [out, in]}, bias {@code [out]} or null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2 || x.dim() < 1 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: the input's last dimension must be in_features = "
                    + (weight.dim() == 2 ? weight.size(1) : -1) + " (weight " + weight.shape() + "), got input shape "
                    + x.shape());
        }
        // Intermediates are freed here (the graph keeps what backward needs), whether or not the caller has a scope.
        try (TensorScope scope = TensorScope.open()) {
            Tensor y = x.dim() == 1
                    ? x.reshape(1, -1).matmulTransposed(weight).reshape(weight.size(0))
                    : x.matmulTransposed(weight);
            return scope.keep(bias == null ? y : y.add(bias));
        }
    }

    /**
     * {@code F.cross_entropy(logits, targets, ignore_index=ignoreIndex)} with the mean reduction over the
     * targets that are not ignored: logits {@code [N, C]}, targets INT32/INT64 {@code [N]} in
     * {@code [0, C)} or equal to {@code ignoreIndex} (PyTorch's default is -100). All targets ignored gives
     * NaN, as in PyTorch.
     *
     * @throws IllegalArgumentException for a target outside {@code [0, C)} that is not the ignore index
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex) {
        return Losses.crossEntropy(logits, targets, ignoreIndex);
    }

    /** {@link #crossEntropy(Tensor, Tensor, int)} with PyTorch's {@code ignore_index=-100}. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return Losses.crossEntropy(logits, targets, -100);
    }

    /** {@code F.mse_loss(input, target)}: the mean of the squared differences. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("mseLoss needs input and target of the same shape, got " + input.shape()
                    + " and " + target.shape());
        }
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(input.sub(target).pow(2).mean());
        }
    }

    /**
     * {@code F.dropout(x, p, training)} with PyTorch's masks: in training mode each element is kept with
     * probability {@code 1 - p} (one 53-bit uniform from {@code generator} per element, in order, as
     * {@code bernoulli_}) and scaled by {@code 1 / (1 - p)}; otherwise, or with {@code p == 0}, {@code x}
     * itself flows through (as a view).
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0) {
            return x.contiguous();
        }
        int n = Math.toIntExact(x.numel());
        float[] mask = new float[n];
        if (p < 1) {
            float scale = 1f / (float) (1 - p);
            double keep = 1 - p;
            for (int i = 0; i < n; i++) {
                mask[i] = generator.nextDouble() < keep ? scale : 0f;
            }
        }
        try (Tensor m = x.backend().adopt(x.shape(), mask)) {
            TensorScope.detach(m);
            return x.mul(m);
        }
    }

    /**
     * {@code F.scaled_dot_product_attention} in the book's order: {@code softmax(mask(q @ k^T) / sqrt(D)) @ v}
     * for {@code q} {@code [..., Tq, D]} and {@code k}, {@code v} {@code [..., Tk, D]}. With
     * {@code causalOffset >= 0}, query {@code i} is at position {@code causalOffset + i} and sees no later
     * key (a fully masked row gives NaN, as PyTorch); negative means no mask. One operation, so a backend
     * may fuse it without writing the {@code [Tq, Tk]} weights to memory; without dropout on the weights
     * it equals the unfused composition.
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, int causalOffset) {
        return AttentionOp.attention(q, k, v, causalOffset);
    }

    /**
     * {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, int)} over the first {@code keyLength}
     * positions of {@code k} and {@code v} ({@code [..., capacity, D]}): a key-value cache allocated once
     * for the whole context and filled as tokens come, like {@code attention(q, k[..., :n, :], v[..., :n, :])}.
     * Without gradients the backend reads the cache where it is; when a gradient is recorded the positions
     * are sliced out first.
     *
     * @throws IllegalArgumentException for a {@code keyLength} outside {@code 0..capacity}
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, int causalOffset, int keyLength) {
        return AttentionOp.attention(q, k, v, causalOffset, keyLength);
    }
}
