package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * Embedding lookups and their gradient, {@code nn.Embedding}'s backward: the upstream gradient
 * scatter-added into the looked-up rows (repeated ids accumulate, in order, so the bits are the same on
 * every run), nothing for the padding row, optionally scaled by the inverse frequency of each id in the
 * batch. When the table's gradient already exists (after {@code zeroGrad(false)} or a first
 * micro-batch), rows are added into it in place instead of building a dense table.
 */
final class Gathers {
    private Gathers() {}

    static Tensor embedding(Tensor table, Tensor ids, Integer paddingIdx, boolean scaleGradByFreq) {
        int rows = table.size(0);
        int cols = table.size(1);
        Backend backend = table.backend();
        Tensor result = backend.wrap(
                ids.shape().append(cols), backend.kernels().gatherRows(table.storage(), cols, ids.storage()));
        if (!Autograd.recording(table)) {
            return result;
        }
        int count = (int) ids.numel();
        Node n = new Node("EmbeddingBackward", table);
        Tensor gradIds;
        Tensor weights = null;
        if (paddingIdx == null && !scaleGradByFreq) {
            gradIds = n.save(ids);
        } else {
            int[] host = hostIds(ids);
            int[] freq = new int[rows];
            for (int id : host) {
                freq[id]++;
            }
            float[] w = new float[count];
            for (int i = 0; i < count; i++) {
                w[i] = scaleGradByFreq ? 1f / freq[host[i]] : 1f;
                if (paddingIdx != null && host[i] == paddingIdx) {
                    host[i] = -1;
                }
            }
            gradIds = saveOwned(n, backend.adopt(Shape.of(count), host));
            if (scaleGradByFreq) {
                weights = saveOwned(n, backend.adopt(Shape.of(count, 1), w));
            }
        }
        Tensor rowWeights = weights;
        Tensor leaf = n.edges[0].leaf();
        n.backwardFn(g -> {
            Tensor src = g.reshape(count, cols);
            if (rowWeights != null) {
                src = src.mul(rowWeights);
            }
            return new Tensor[] {scatter(leaf, src, gradIds, rows, cols)};
        });
        return result.attach(n);
    }

    /**
     * The GPT input embedding {@code tok[ids] + pos[arange(T)]} in one fused kernel; the gradient goes to
     * the token rows looked up and to the first {@code T} positional rows, summed over the batch.
     */
    static Tensor positional(Tensor ids, Tensor tok, Tensor pos, int batch, int seq) {
        Backend backend = tok.backend();
        Kernels k = backend.kernels();
        int dim = tok.size(1);
        Tensor result = backend.wrap(
                ids.shape().append(dim), k.embed(tok.storage(), pos.storage(), dim, ids.storage(), batch, seq));
        if (!Autograd.recording(tok, pos)) {
            return result;
        }
        Node n = new Node("EmbeddingBackward", tok, pos);
        Tensor tokIds = n.save(ids);
        int[] positions = new int[batch * seq];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i % seq;
        }
        Tensor posIds = saveOwned(n, backend.adopt(Shape.of(positions.length), positions));
        Tensor tokLeaf = n.edges[0].leaf();
        Tensor posLeaf = n.edges[1].leaf();
        int rows = batch * seq;
        n.backwardFn(g -> {
            Tensor src = g.reshape(rows, dim);
            return new Tensor[] {
                n.needs(0) ? scatter(tokLeaf, src, tokIds, tok.size(0), dim) : null,
                n.needs(1) ? scatter(posLeaf, src, posIds, pos.size(0), dim) : null
            };
        });
        return result.attach(n);
    }

    /** Rows of {@code src} added at {@code ids}: into the leaf's existing gradient in place, else as a new dense table. */
    private static Tensor scatter(Tensor leaf, Tensor src, Tensor ids, int rows, int cols) {
        Kernels k = src.backend().kernels();
        Tensor existing = leaf == null ? null : leaf.grad();
        if (existing != null) {
            k.scatterAddRowsInto(existing.storage(), rows, cols, ids.storage(), src.storage());
            existing.markModifiedInPlace();
            return null;
        }
        Storage dense = k.scatterAddRows(src.storage(), cols, ids.storage(), rows);
        return src.backend().wrap(Shape.of(rows, cols), dense);
    }

    private static Tensor saveOwned(Node n, Tensor fresh) {
        TensorScope.detach(fresh);
        Tensor view = n.save(fresh);
        fresh.close();
        return view;
    }

    private static int[] hostIds(Tensor ids) {
        if (ids.dtype() == DType.INT32) {
            return ids.toIntArray();
        }
        long[] l = ids.toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }
}
