package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.AttentionSpec;
import org.llmfromscratch.api.spi.Storage;

/**
 * Scaled dot-product attention as one operation, so a backend can fuse it ({@link
 * org.llmfromscratch.api.spi.Kernels#attention}): its gradient recomputes the weights instead of saving them.
 */
final class AttentionOp {
    private AttentionOp() {}

    static Tensor attention(Tensor q, Tensor k, Tensor v, int causalOffset) {
        AttentionSpec spec = spec(q, k, v, k.dim() < 2 ? 0 : k.size(-2), causalOffset);
        Storage out = q.backend().kernels().attention(q.storage(), k.storage(), v.storage(), spec);
        Tensor result = q.backend().wrap(q.shape(), out);
        if (!Autograd.recording(q, k, v)) {
            return result;
        }
        Node n = new Node("AttentionBackward", q, k, v);
        Tensor sq = n.save(q);
        Tensor sk = n.save(k);
        Tensor sv = n.save(v);
        n.backwardFn(g -> {
            Storage[] grads = g.backend()
                    .kernels()
                    .attentionBackward(sq.storage(), sk.storage(), sv.storage(), g.storage(), spec);
            return new Tensor[] {
                g.backend().wrap(sq.shape(), grads[0]),
                g.backend().wrap(sk.shape(), grads[1]),
                g.backend().wrap(sv.shape(), grads[2])
            };
        });
        return result.attach(n);
    }

    /** Checks the operands and describes the call, with {@code keys} of {@code k}'s positions attended. */
    private static AttentionSpec spec(Tensor q, Tensor k, Tensor v, int keys, int causalOffset) {
        q.sameBackend("scaledDotProductAttention", k);
        q.sameBackend("scaledDotProductAttention", v);
        Tensor.requireFloat("scaledDotProductAttention", q);
        Tensor.requireFloat("scaledDotProductAttention", k);
        Tensor.requireFloat("scaledDotProductAttention", v);
        if (q.dim() < 2
                || k.dim() != q.dim()
                || v.dim() != q.dim()
                || !k.shape().equals(v.shape())
                || k.size(-1) != q.size(-1)
                || !batch(q.shape()).equals(batch(k.shape()))) {
            throw new IllegalArgumentException(
                    "scaledDotProductAttention needs q [..., Tq, D] and k, v [..., Tk, D] with the"
                            + " same leading dimensions, got " + q.shape() + ", " + k.shape() + ", " + v.shape());
        }
        int d = q.size(-1);
        int tq = q.size(-2);
        int bh = (int) (q.numel() / ((long) tq * d));
        return new AttentionSpec(bh, tq, keys, d, causalOffset);
    }

    /**
     * Attention over the first {@code keyLength} positions of {@code k} and {@code v}, which may hold more (a
     * key-value cache allocated for the whole context): read in place when no gradient is recorded, sliced
     * out (and differentiable) otherwise.
     */
    static Tensor attention(Tensor q, Tensor k, Tensor v, int causalOffset, int keyLength) {
        AttentionSpec all = spec(q, k, v, k.dim() < 2 ? 0 : k.size(-2), causalOffset);
        if (keyLength < 0 || keyLength > all.keys()) {
            throw new IllegalArgumentException("scaledDotProductAttention: keyLength " + keyLength + " must be in 0.."
                    + all.keys() + " for keys of shape " + k.shape());
        }
        if (keyLength == all.keys()) {
            return attention(q, k, v, causalOffset);
        }
        if (Autograd.recording(q, k, v)) {
            try (TensorScope scope = TensorScope.open()) {
                return scope.keep(attention(q, k.slice(-2, 0, keyLength), v.slice(-2, 0, keyLength), causalOffset));
            }
        }
        AttentionSpec spec = new AttentionSpec(all.batchHeads(), all.queries(), keyLength, all.headDim(), causalOffset);
        Storage out = q.backend().kernels().cachedAttention(q.storage(), k.storage(), v.storage(), all.keys(), spec);
        return q.backend().wrap(q.shape(), out);
    }

    private static Shape batch(Shape s) {
        return Shape.of(java.util.Arrays.copyOf(s.toArray(), s.rank() - 2));
    }
}
