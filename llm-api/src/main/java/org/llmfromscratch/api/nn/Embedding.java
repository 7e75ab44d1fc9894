package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/**
 * A lookup table of learnable rows, {@code torch.nn.Embedding(numEmbeddings, embeddingDim)}:
 * {@code forward(ids)} is {@code weight[ids]}, of shape {@code ids.shape + [embeddingDim]}, for ids
 * of any shape.
 *
 * <p>Weights start as {@code N(0, 1)} from a {@link Generator}, exactly as PyTorch draws them, so
 * {@code new Embedding(backend, 6, 3, new Generator(123))} has the weights of
 * {@code torch.manual_seed(123); nn.Embedding(6, 3)}. With a {@code paddingIdx}, that row starts at
 * zero (and, once training exists, receives no gradient). {@link #fromPretrained} wraps given weights,
 * frozen by default as in PyTorch.
 *
 * <p>An id outside {@code 0..numEmbeddings-1} is an {@link IllegalArgumentException} that names the
 * id, its position and the valid range.
 */
public class Embedding extends Module {
    private final Parameter weight;
    private final Integer paddingIdx;
    private boolean scaleGradByFreq;
    private Double maxNorm;
    private double normType = 2.0;

    /** {@code nn.Embedding(numEmbeddings, embeddingDim)} with weights drawn from {@code generator}. */
    public Embedding(Backend backend, int numEmbeddings, int embeddingDim, Generator generator) {
        this(backend, numEmbeddings, embeddingDim, null, generator);
    }

    /** {@code torch.manual_seed(seed); nn.Embedding(numEmbeddings, embeddingDim)}. */
    public Embedding(Backend backend, int numEmbeddings, int embeddingDim, long seed) {
        this(backend, numEmbeddings, embeddingDim, null, new Generator(seed));
    }

    /**
     * {@code nn.Embedding(numEmbeddings, embeddingDim, padding_idx=paddingIdx)}; {@code paddingIdx} may
     * be null (none) or negative (counted from the end, as in PyTorch).
     */
    public Embedding(Backend backend, int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator generator) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("an embedding needs numEmbeddings >= 1 and embeddingDim >= 1, got "
                    + numEmbeddings + " x " + embeddingDim);
        }
        long n = (long) numEmbeddings * embeddingDim;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an embedding of " + numEmbeddings + " x " + embeddingDim
                    + " has more elements than one table can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        this.paddingIdx = normalizePadding(paddingIdx, numEmbeddings);
        float[] values = generator.normal((int) n);
        if (this.paddingIdx != null) {
            java.util.Arrays.fill(values, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim, 0f);
        }
        this.weight =
                registerParameter("weight", backend.fromFloats(Shape.of(numEmbeddings, embeddingDim), values), true);
    }

    private Embedding(Tensor weight, boolean freeze, Integer paddingIdx) {
        if (weight.dim() != 2 || weight.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("pretrained embeddings must be a 2-D FLOAT32 tensor [rows, dim], got "
                    + weight.shape() + " " + weight.dtype());
        }
        this.paddingIdx = normalizePadding(paddingIdx, weight.size(0));
        this.weight = registerParameter("weight", weight, !freeze);
    }

    /**
     * {@code nn.Embedding.from_pretrained(weight, freeze)}: the module takes ownership of {@code weight}
     * (a 2-D FLOAT32 tensor); {@code freeze=true} (PyTorch's default) turns off {@code requires_grad}.
     */
    public static Embedding fromPretrained(Tensor weight, boolean freeze) {
        return new Embedding(weight, freeze, null);
    }

    /** {@link #fromPretrained(Tensor, boolean)} with a padding index. */
    public static Embedding fromPretrained(Tensor weight, boolean freeze, Integer paddingIdx) {
        return new Embedding(weight, freeze, paddingIdx);
    }

    private static Integer normalizePadding(Integer paddingIdx, int rows) {
        if (paddingIdx == null) {
            return null;
        }
        int p = paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
        if (p < 0 || p >= rows) {
            throw new IllegalArgumentException("paddingIdx " + paddingIdx + " must be within num_embeddings: expected "
                    + (-rows) + ".." + (rows - 1));
        }
        return p;
    }

    /**
     * {@code scale_grad_by_freq=True}: each looked-up row's gradient is divided by how often its id occurs
     * in the batch.
     */
    public Embedding scaleGradByFreq(boolean scale) {
        this.scaleGradByFreq = scale;
        return this;
    }

    /**
     * {@code max_norm=maxNorm, norm_type=normType}: every row a forward looks up whose {@code normType}-norm
     * exceeds {@code maxNorm} is first rescaled in place to norm {@code maxNorm / (norm + 1e-7) * norm},
     * as PyTorch's {@code embedding_renorm_}; {@code null} turns it off.
     */
    public Embedding maxNorm(Double maxNorm, double normType) {
        if (maxNorm != null && !(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
        this.normType = normType;
        return this;
    }

    /** {@code weight[ids]}: shape {@code ids.shape + [embeddingDim]}. */
    @Override
    public Tensor forward(Tensor ids) {
        if (maxNorm != null) {
            EmbeddingRenorm.apply(weight.value(), ids, maxNorm, normType);
        }
        return Functional.embedding(ids, weight.value(), paddingIdx, scaleGradByFreq);
    }

    /** The table parameter, {@code [numEmbeddings, embeddingDim]}. */
    public Parameter weight() {
        return weight;
    }

    /** Rows of the table. */
    public int numEmbeddings() {
        return weight.value().size(0);
    }

    /** Width of each row. */
    public int embeddingDim() {
        return weight.value().size(1);
    }

    /** The padding row, or null. */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings() + ", " + embeddingDim()
                + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx) + ")";
    }
}
