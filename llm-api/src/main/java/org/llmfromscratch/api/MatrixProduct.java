package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.MatmulSpec;

/**
 * {@code torch.matmul} for operands of two or more dimensions, with broadcast batch dimensions and
 * operands that may be used transposed without a copy; and its gradient.
 */
final class MatrixProduct {
    private MatrixProduct() {}

    /** {@code op(a) @ op(b)}, where {@code op(x)} transposes the last two dimensions when its flag is set. */
    static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        a.sameBackend("matmul", b);
        Tensor.requireFloat("matmul", a);
        Tensor.requireFloat("matmul", b);
        if (a.dim() < 2 || b.dim() < 2) {
            throw new IllegalArgumentException(
                    "matmul needs operands of at least 2 dimensions, got " + a.shape() + " and " + b.shape());
        }
        int m = a.size(transA ? -1 : -2);
        int k = a.size(transA ? -2 : -1);
        int kb = b.size(transB ? -1 : -2);
        int n = b.size(transB ? -2 : -1);
        if (k != kb) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied: " + a.shape()
                    + (transA ? " (transposed)" : "") + " is " + m + " x " + k + " and " + b.shape()
                    + (transB ? " (transposed)" : "") + " is " + kb + " x " + n + "; the inner sizes " + k + " and "
                    + kb + " must be equal");
        }
        Shape aBatch = batchOf(a.shape());
        Shape bBatch = batchOf(b.shape());
        Shape outBatch;
        try {
            outBatch = Shape.broadcast(aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "matmul of " + a.shape() + " and " + b.shape() + ": the batch dimensions " + aBatch + " and "
                            + bBatch + " do not broadcast",
                    e);
        }
        int batch = (int) outBatch.numel();
        if (aBatch.numel() != 1 && !aBatch.equals(outBatch)) {
            return matmul(Elementwise.expand(a, concat(outBatch, lastTwo(a.shape()))), b, transA, transB);
        }
        if (bBatch.numel() != 1 && !bBatch.equals(outBatch)) {
            return matmul(a, Elementwise.expand(b, concat(outBatch, lastTwo(b.shape()))), transA, transB);
        }
        MatmulSpec spec = new MatmulSpec(batch, m, k, n, transA, transB, aBatch.numel() != 1, bBatch.numel() != 1);
        Shape outShape = concat(outBatch, Shape.of(m, n));
        if ((long) batch * m * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matmul of " + a.shape() + " and " + b.shape() + " gives " + outShape
                    + ": more elements than one tensor can hold");
        }
        Tensor result = a.backend().wrap(outShape, a.backend().kernels().matmul(a.storage(), b.storage(), spec));
        if (!Autograd.recording(a, b)) {
            return result;
        }
        Node node = new Node("MmBackward", a, b);
        Tensor sa = node.needs(1) ? node.save(a) : null;
        Tensor sb = node.needs(0) ? node.save(b) : null;
        Shape aShape = a.shape();
        Shape bShape = b.shape();
        node.backwardFn(g -> new Tensor[] {
            sb == null ? null : gradA(g, sb, aShape, transA, transB),
            sa == null ? null : gradB(g, sa, bShape, transA, transB)
        });
        return result.attach(node);
    }

    private static Tensor gradA(Tensor g, Tensor b, Shape aShape, boolean transA, boolean transB) {
        Tensor full = transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB);
        return sumToMatrix(full, aShape);
    }

    private static Tensor gradB(Tensor g, Tensor a, Shape bShape, boolean transA, boolean transB) {
        if (batchOf(bShape).numel() == 1 && a.dim() > 2 && !transA) {
            // A weight shared by the whole batch (nn.Linear): one product over all rows, no per-batch copies.
            Tensor a2 = a.reshape(-1, a.size(-1));
            Tensor g2 = g.reshape(-1, g.size(-1));
            Tensor w = transB ? matmul(g2, a2, true, false) : matmul(a2, g2, true, false);
            return w.reshape(bShape.toArray());
        }
        Tensor full = transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false);
        return sumToMatrix(full, bShape);
    }

    /** A batched gradient summed over the batch dimensions its operand was broadcast along. */
    private static Tensor sumToMatrix(Tensor full, Shape target) {
        if (full.shape().equals(target)) {
            return full;
        }
        if (batchOf(target).numel() == 1) {
            Tensor flat = full.reshape(-1, full.size(-2), full.size(-1)).sum(0, false);
            return flat.reshape(target.toArray());
        }
        return Elementwise.sumTo(full, target);
    }

    private static Shape batchOf(Shape s) {
        int[] all = s.toArray();
        return Shape.of(java.util.Arrays.copyOf(all, all.length - 2));
    }

    private static Shape lastTwo(Shape s) {
        return Shape.of(s.size(-2), s.size(-1));
    }

    private static Shape concat(Shape a, Shape b) {
        int[] out = java.util.Arrays.copyOf(a.toArray(), a.rank() + b.rank());
        System.arraycopy(b.toArray(), 0, out, a.rank(), b.rank());
        return Shape.of(out);
    }
}
