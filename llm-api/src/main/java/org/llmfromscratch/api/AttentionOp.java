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
        int tk = k.size(-2);
        int bh = (int) (q.numel() / ((long) tq * d));
        AttentionSpec spec = new AttentionSpec(bh, tq, tk, d, causalOffset);
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

    private static Shape batch(Shape s) {
        return Shape.of(java.util.Arrays.copyOf(s.toArray(), s.rank() - 2));
    }
}
